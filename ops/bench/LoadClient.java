import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vigie's load client (ops/bench, issue 9): run with the JDK alone, {@code java
 * ops/bench/LoadClient.java …}. Two modes:
 *
 * <ul>
 *   <li>{@code closed}: {@code --concurrency N} clients, each sending its next request when the
 *       previous answer arrived, for {@code --seconds S}: the throughput the server sustains.
 *   <li>{@code rate}: requests started at a fixed {@code --rate R} per second whatever the
 *       answers, latency measured from the moment each request was due (no coordinated omission).
 * </ul>
 *
 * {@code --target intake} posts realistic reports (varied victims, communes, threats) and writes
 * the reference of every 201 to {@code --acks FILE}; {@code --target get --path P --token T}
 * reads a staff page. Prints one line of results: requests, statuses, throughput, p50/p95/p99/max.
 */
public class LoadClient {

  static final String[][] COMMUNES = {
    {"29019", "Brest"}, {"35238", "Rennes"}, {"56121", "Lorient"}, {"22278", "Saint-Brieuc"},
    {"29232", "Quimper"}, {"56260", "Vannes"}, {"35288", "Saint-Malo"}, {"29212", "Plouzané"},
    {"22113", "Lannion"}, {"56178", "Pontivy"}, {"35115", "Fougères"}, {"29103", "Landerneau"}
  };
  static final String[] THREATS = {
    "PHISHING", "PHISHING", "PHISHING", "ACCOUNT_COMPROMISE", "ACCOUNT_COMPROMISE",
    "TRANSFER_FRAUD", "RANSOMWARE", "DEFACEMENT", "DATA_BREACH", "DDOS"
  };
  static final String[] TYPES = {
    "ENTREPRISE", "ENTREPRISE", "ENTREPRISE", "ENTREPRISE", "COMMUNE", "COMMUNE", "ASSOCIATION"
  };

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    String base = o.getOrDefault("url", "http://127.0.0.1:8080");
    String mode = o.getOrDefault("mode", "closed");
    String target = o.getOrDefault("target", "intake");
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    Results results = new Results();
    PrintWriter acks =
        o.containsKey("acks")
            ? new PrintWriter(
                Files.newBufferedWriter(
                    Path.of(o.get("acks")), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true)
            : null;
    Request request =
        target.equals("intake")
            ? new Intake(base, new Random(Long.parseLong(o.getOrDefault("seed", "42"))))
            : new Get(base + o.get("path"), o.get("token"));
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    final long closedEnd = end;
    if (mode.equals("closed")) {
      int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "8"));
      CountDownLatch done = new CountDownLatch(concurrency);
      for (int i = 0; i < concurrency; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (System.nanoTime() < closedEnd) {
                    long sent = System.nanoTime();
                    results.record(sent, send(http, request, acks));
                  }
                  done.countDown();
                });
        t.start();
      }
      done.await();
      print(
          o, "closed c=" + concurrency, results, System.nanoTime() - start, "concurrency", concurrency);
    } else {
      double rate = Double.parseDouble(o.getOrDefault("rate", "200"));
      long interval = (long) (1e9 / rate);
      // The client warms up too (JIT, connections): these seconds are sent at the same rate and
      // not recorded.
      int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
      if (warmup > 0) {
        long wEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        ExecutorService wPool = Executors.newCachedThreadPool();
        long wStart = System.nanoTime();
        for (long k = 0, due = wStart; due < wEnd; due = wStart + (++k) * interval) {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
          wPool.execute(() -> send(http, request, acks));
        }
        wPool.shutdown();
        wPool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        start = System.nanoTime();
        end = start + Duration.ofSeconds(seconds).toNanos();
      }
      ExecutorService pool = Executors.newCachedThreadPool();
      AtomicLong outstanding = new AtomicLong();
      long n = 0;
      for (long due = start; due < end; due = start + (++n) * interval) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        long intended = due;
        outstanding.incrementAndGet();
        pool.execute(
            () -> {
              results.record(intended, send(http, request, acks));
              outstanding.decrementAndGet();
            });
      }
      pool.shutdown();
      pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
      print(o, "rate " + rate + "/s", results, System.nanoTime() - start, "rate", rate);
    }
    if (acks != null) {
      acks.close();
    }
    System.exit(0);
  }

  interface Request {
    HttpRequest next();

    default String acknowledged(HttpResponse<String> r) {
      return null;
    }
  }

  record Get(String url, String token) implements Request {
    public HttpRequest next() {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return b.GET().build();
    }
  }

  static final class Intake implements Request {
    private static final Pattern REFERENCE = Pattern.compile("\"reference\":\"([A-Z0-9-]+)\"");
    final URI uri;
    final Random random;

    Intake(String base, Random random) {
      this.uri = URI.create(base + "/api/v1/reports");
      this.random = random;
    }

    public synchronized HttpRequest next() {
      String[] commune = COMMUNES[random.nextInt(COMMUNES.length)];
      String threat = THREATS[random.nextInt(THREATS.length)];
      String type = TYPES[random.nextInt(TYPES.length)];
      String name =
          (type.equals("COMMUNE") ? "Mairie de " + commune[1] : "Organisation " + random.nextInt(1_000_000))
              + " " + Long.toHexString(random.nextLong());
      String body =
          """
          {"channel":"WEB_FORM",
           "victim":{"type":"%s","name":"%s","siren":null,"communeCode":"%s","headcount":%d,
             "nis2":"UNKNOWN","oiv":false,"ose":false,"sector":null,"hasItProvider":%b,
             "cyberInsured":%b},
           "contact":{"name":"Claire Martin","role":"Secrétaire","email":"contact@example.fr",
             "phone":"02 98 00 00 00"},
           "incident":{"threat":"%s","discoveredAt":"2026-11-20T07:45:00+01:00","ongoing":%b,
             "attackerStillPresent":false,"serviceImpact":"%s","affectedServices":["EMAIL"],
             "scope":"SINGLE_DEVICE","personalData":"%s","dataExfiltrated":null,
             "ransomDemanded":%b,"fundsTransferred":null,
             "description":"Rapport de charge synthétique","observables":[]},
           "consent":true}
          """
              .formatted(
                  type.equals("COMMUNE") ? "COMMUNE" : type,
                  name,
                  commune[0],
                  1 + random.nextInt(200),
                  random.nextBoolean(),
                  random.nextInt(4) == 0,
                  threat,
                  random.nextBoolean(),
                  random.nextInt(3) == 0 ? "INTERRUPTED" : "DEGRADED",
                  random.nextInt(3) == 0 ? "SUSPECTED" : "NO",
                  threat.equals("RANSOMWARE"));
      return HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
    }

    public String acknowledged(HttpResponse<String> r) {
      Matcher m = REFERENCE.matcher(r.body());
      return r.statusCode() == 201 && m.find() ? m.group(1) : null;
    }
  }

  record Answer(int status, String reference) {}

  static Answer send(HttpClient http, Request request, PrintWriter acks) {
    try {
      HttpResponse<String> r = http.send(request.next(), HttpResponse.BodyHandlers.ofString());
      String reference = request.acknowledged(r);
      if (reference != null && acks != null) {
        acks.println(reference);
      }
      return new Answer(r.statusCode(), reference);
    } catch (IOException e) {
      return new Answer(-1, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, null);
    }
  }

  static final class Results {
    final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();

    void record(long intendedNanos, Answer answer) {
      samples.add(new long[] {System.nanoTime() - intendedNanos, answer.status()});
    }
  }

  static void print(
      Map<String, String> o, String label, Results results, long elapsedNanos, String k, Object v) {
    List<Long> latencies = new ArrayList<>();
    Map<Long, Long> statuses = new HashMap<>();
    for (long[] s : results.samples) {
      latencies.add(s[0]);
      statuses.merge(s[1], 1L, Long::sum);
    }
    Collections.sort(latencies);
    long ok = statuses.getOrDefault(201L, 0L) + statuses.getOrDefault(200L, 0L);
    double seconds = elapsedNanos / 1e9;
    System.out.printf(
        "%s: %d requests in %.1f s, %s, ok %.1f/s, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f%n",
        o.getOrDefault("label", label),
        latencies.size(),
        seconds,
        statuses,
        ok / seconds,
        pct(latencies, 0.50),
        pct(latencies, 0.95),
        pct(latencies, 0.99),
        latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e6);
  }

  static double pct(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return o;
  }
}
