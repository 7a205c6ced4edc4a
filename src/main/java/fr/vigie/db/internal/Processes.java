package fr.vigie.db.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the PostgreSQL command-line tools, as an unprivileged user when Vigie runs as root. */
final class Processes {

  /** PostgreSQL refuses to run as root; root installs (containers, CI) run it as nobody. */
  static final int UNPRIVILEGED_UID = 65534;

  private Processes() {}

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static String run(List<String> command, long timeoutSeconds) throws IOException {
    List<String> full = new ArrayList<>();
    if (runningAsRoot()) {
      full.addAll(
          List.of(
              "setpriv",
              "--reuid=" + UNPRIVILEGED_UID,
              "--regid=" + UNPRIVILEGED_UID,
              "--clear-groups",
              "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    process.getOutputStream().close();
    try {
      // pg_ctl keeps no handle on our pipe once the postmaster is detached, so this ends.
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("Timed out: " + command.get(0));
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(
            command.get(0) + " exited with " + process.exitValue() + ": " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running " + command.get(0), e);
    }
  }
}
