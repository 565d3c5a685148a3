package io.tokenomics.devstack;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./tokenomics bench-gateway}: authenticated catalog reads through a running gateway for a fixed time with N
 * concurrent clients (closed loop); prints requests per second and the latency distribution (HdrHistogram).
 * Only loopback targets: it is meant for this machine's own stack.
 */
@Command(name = "bench-gateway", description = "Measure authenticated catalog reads per second through the gateway.")
final class GatewayBenchmark implements Callable<Integer> {
    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080")
    String gateway;
    @Option(names = "--keycloak", defaultValue = "http://127.0.0.1:8180")
    String keycloak;
    @Option(names = "--client-id", defaultValue = "tokenomics-services", description = "a client-credentials client (DEMO)")
    String clientId;
    @Option(names = "--client-secret", defaultValue = "demo-tokenomics-services-secret")
    String clientSecret;
    @Option(names = "--path", defaultValue = "/api/catalog/accelerators")
    String path;
    @Option(names = "--concurrency", defaultValue = "16")
    int concurrency;
    @Option(names = "--seconds", defaultValue = "20")
    int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "5")
    int warmupSeconds;

    @Override
    public Integer call() throws Exception {
        for (String target : new String[]{gateway, keycloak}) {
            String host = URI.create(target).getHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
                System.err.println("bench-gateway only targets this machine (loopback), not " + host);
                return 2;
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String token = token(http);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        run(http, request, warmupSeconds, new Histogram(60_000_000_000L, 3), new AtomicLong());
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong failures = new AtomicLong();
        long begin = System.nanoTime();
        long count = run(http, request, seconds, latency, failures);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        System.out.printf("GET %s%s with %d concurrent clients for %.1f s%n", gateway, path, concurrency, elapsed);
        System.out.printf("requests: %d ok, %d failed -> %.0f requests/s%n", count, failures.get(), count / elapsed);
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getValueAtPercentile(99.9) / 1e6,
                latency.getMaxValue() / 1e6);
        return failures.get() == 0 ? 0 : 1;
    }

    private long run(HttpClient http, HttpRequest request, int durationSeconds, Histogram latency, AtomicLong failures)
            throws Exception {
        long deadline = System.nanoTime() + durationSeconds * 1_000_000_000L;
        AtomicLong ok = new AtomicLong();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        Future<?>[] running = new Future<?>[concurrency];
        for (int i = 0; i < concurrency; i++) {
            running[i] = clients.submit(() -> {
                Histogram own = new Histogram(60_000_000_000L, 3);
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            own.recordValue(System.nanoTime() - start);
                            ok.incrementAndGet();
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                synchronized (latency) {
                    latency.add(own);
                }
                return null;
            });
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        return ok.get();
    }

    private String token(HttpClient http) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                        keycloak + "/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token from Keycloak: HTTP " + response.statusCode());
        }
        return token.group(1);
    }
}
