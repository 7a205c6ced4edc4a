package fr.vigie.db.internal;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL binaries shipped by zonky's binaries jar into a shared directory under the
 * system temp directory, once per archive content, under a file lock so that several JVMs (the
 * application and its tests) can start at the same time.
 */
final class PostgresBinaries {

  private PostgresBinaries() {}

  static Path unpack() throws IOException {
    byte[] archive;
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
      archive = in.readAllBytes();
    }
    String digest = sha256(archive).substring(0, 16);
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "vigie-postgres");
    Files.createDirectories(root);
    readableByAll(root);
    Path target = root.resolve(digest);
    Path done = target.resolve(".complete");
    if (Files.exists(done)) {
      return target;
    }
    try (FileChannel channel =
            FileChannel.open(
                root.resolve(digest + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (!Files.exists(done)) {
        extract(archive, target);
        Files.createFile(done);
      }
    }
    return target;
  }

  private static void extract(byte[] archive, Path target) throws IOException {
    Files.createDirectories(target);
    readableByAll(target);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Archive entry outside target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          readableByAll(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.deleteIfExists(path);
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          boolean executable = (entry.getMode() & 0100) != 0;
          Files.setPosixFilePermissions(
              path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
  }

  private static void readableByAll(Path directory) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.allOf(PosixFilePermission.class);
    perms.remove(PosixFilePermission.GROUP_WRITE);
    perms.remove(PosixFilePermission.OTHERS_WRITE);
    Files.setPosixFilePermissions(directory, perms);
  }

  private static String system() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    return os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      default -> arch;
    };
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
