package fr.vigie.geo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The committed reference files, read from the classpath ({@code fr/vigie/geo/}) so that they
 * travel inside the application jar.
 */
final class ReferenceFiles {

  static final String VERSION_FILE = "VERSION";

  /**
   * Part of the checksum: bump it when the loading itself changes (a new column, another name
   * normalisation) so that every database reloads even though the files did not change.
   */
  private static final int LOADER_REVISION = 1;

  private static final String BASE = "fr/vigie/geo/";

  private ReferenceFiles() {}

  static byte[] read(String name) {
    ClassLoader loader = ReferenceFiles.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("geo reference file missing from the classpath: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(read(name), StandardCharsets.UTF_8);
  }

  /** The reference version, e.g. {@code decoupage-administratif 6.0.0 cog 2026}. */
  static String version() {
    return text(VERSION_FILE).strip();
  }

  /** CRC32 of every file's name and content, and of {@link #LOADER_REVISION}. */
  static int checksum() {
    CRC32 crc = new CRC32();
    crc.update(("loader " + LOADER_REVISION + "\n").getBytes(StandardCharsets.UTF_8));
    for (ReferenceTable table : ReferenceTable.values()) {
      crc.update(table.file().getBytes(StandardCharsets.UTF_8));
      crc.update(read(table.file()));
    }
    crc.update(read(VERSION_FILE));
    return (int) crc.getValue();
  }
}
