package fr.vigie.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Vigie started as a separate JVM, exactly as {@code java -jar} would run it (main class, the test
 * classpath), on its embedded database in {@code dataDir}: for tests that kill it.
 */
public final class VigieProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private VigieProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static VigieProcess start(Path dataDir, Path log, Map<String, String> env)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "fr.vigie.Application"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("DATASOURCES_DEFAULT_URL");
    builder.environment().put("VIGIE_DATA_DIR", dataDir.toString());
    builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    // These tests load one instance from one address: the public rate limits would refuse them.
    builder.environment().put("VIGIE_RATE_LIMIT_ENABLED", "false");
    builder.environment().putAll(env);
    return new VigieProcess(builder.start(), port);
  }

  public long pid() {
    return process.pid();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Waits until /health answers UP, or fails after {@code timeout}; returns the time it took. */
  public Duration awaitHealthy(Duration timeout) throws InterruptedException {
    // Elapsed time of a real process start-up: the wall clock is the one to read.
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Vigie exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("UP")) {
          return Duration.between(start, Instant.now());
        }
      } catch (IOException notYet) {
        // the port is not open yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Vigie was not healthy after " + timeout);
  }

  public HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A power cut as far as the JVM is concerned: SIGKILL, no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as systemd or Kubernetes would stop it; returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
