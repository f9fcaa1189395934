package hk.tsw.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The agencies of the end-to-end bench: one HTTP server on loopback, a path per agency
 * ({@code /agency/CED}), answering 200 at once. It records, per document (its functional reference), the time of
 * its last delivery and which agencies received it; repeats of the same document to the same agency (allowed:
 * at-least-once delivery) are counted apart.
 */
final class AgencyCounter implements AutoCloseable {

    private static final Pattern REFERENCE = Pattern.compile("<FunctionalReferenceID>([^<]+)</FunctionalReferenceID>");

    private final HttpServer server;
    private final Map<String, Long> lastDeliveryNanos = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> agenciesByDocument = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger distinct = new AtomicInteger();

    AgencyCounter() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/agency/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long now = System.nanoTime();
            String agency = exchange.getRequestURI().getPath().substring("/agency/".length());
            Matcher m = REFERENCE.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) {
                String doc = m.group(1);
                deliveries.incrementAndGet();
                if (agenciesByDocument.computeIfAbsent(doc, k -> ConcurrentHashMap.newKeySet()).add(agency)) {
                    distinct.incrementAndGet();
                }
                lastDeliveryNanos.merge(doc, now, Math::max);
            }
            exchange.sendResponseHeaders(200, -1);
            try (OutputStream ignored = exchange.getResponseBody()) {
                // empty answer
            }
        });
        server.start();
    }

    String url(String agency) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/agency/" + agency;
    }

    /** Distinct (document, agency) deliveries. */
    int distinctDeliveries() {
        return distinct.get();
    }

    int allDeliveries() {
        return deliveries.get();
    }

    Long lastDelivery(String document) {
        return lastDeliveryNanos.get(document);
    }

    /**
     * Waits until {@code expected} distinct (document, agency) deliveries have arrived, saying how far it is every
     * 5 s on {@code progress}; ends in an IllegalStateException when none arrived for {@code timeout} (a stall: on a
     * loaded machine a slow but moving gateway is waited for, a stuck one is not).
     */
    void await(int expected, Duration timeout, String part, Consumer<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        int seen = distinctDeliveries();
        while (seen < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + expected + " deliveries, none for "
                        + timeout + " (load average " + Bench.loadAverage() + ")");
            }
            if (System.nanoTime() - lastReport > 5e9) {
                progress.accept(part + ": " + seen + " of " + expected + " deliveries");
                lastReport = System.nanoTime();
            }
            Thread.sleep(20);
            int now = distinctDeliveries();
            if (now > seen) {
                deadline = System.nanoTime() + timeout.toNanos();
                seen = now;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
