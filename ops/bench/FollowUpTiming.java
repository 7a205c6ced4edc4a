import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does the follow-up answer tell whether a reference exists? (issue 16, finding 4). Posts one
 * report, then asks for it with a wrong token and for an unknown reference of the same shape,
 * interleaved, and prints the median and p90 of each over the given number of tries (after a
 * warm-up of 300 each). Run against a Vigie with rate limits off: {@code
 * ops/bench/followup-timing.sh}, or {@code java ops/bench/FollowUpTiming.java URL report.json N}.
 */
public class FollowUpTiming {

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://localhost:8080";
    Path report = Path.of(args.length > 1 ? args[1] : "ops/bench/report.json");
    int tries = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> receipt =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(report)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"reference\":\"([^\"]+)\"").matcher(receipt.body());
    if (receipt.statusCode() != 201 || !m.find()) {
      throw new IllegalStateException("no report: " + receipt.statusCode() + " " + receipt.body());
    }
    String existing = m.group(1);
    String unknown = existing.substring(0, existing.lastIndexOf('-') + 1) + "999999";
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 300; i++) {
      once(http, url, existing, random);
      once(http, url, unknown, random);
    }
    long[] wrongToken = new long[tries];
    long[] unknownReference = new long[tries];
    for (int i = 0; i < tries; i++) {
      wrongToken[i] = once(http, url, existing, random);
      unknownReference[i] = once(http, url, unknown, random);
    }
    System.out.printf(
        "%d tries each, %s, wrong token on an existing reference: median %.2f ms, p90 %.2f ms%n",
        tries, existing, quantile(wrongToken, 0.5), quantile(wrongToken, 0.9));
    System.out.printf(
        "%d tries each, %s, unknown reference:                   median %.2f ms, p90 %.2f ms%n",
        tries, unknown, quantile(unknownReference, 0.5), quantile(unknownReference, 0.9));
  }

  /** One follow-up request with a fresh random (wrong) token; its time in nanoseconds. */
  static long once(HttpClient http, String url, String reference, SecureRandom random)
      throws Exception {
    byte[] token = new byte[32];
    random.nextBytes(token);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/v1/reports/" + reference))
            .header(
                "X-Follow-Up-Token", Base64.getUrlEncoder().withoutPadding().encodeToString(token))
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    long took = System.nanoTime() - start;
    if (response.statusCode() != 404) {
      throw new IllegalStateException("expected 404, got " + response.statusCode());
    }
    return took;
  }

  static double quantile(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(q * sorted.length) - 1] / 1e6;
  }
}
