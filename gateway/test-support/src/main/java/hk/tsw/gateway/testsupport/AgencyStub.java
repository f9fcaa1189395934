package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.sun.net.httpserver.HttpServer;

/**
 * An agency on loopback HTTP for tests: answers each POST with the next scripted status (200 once the script is
 * used up), and records every request it accepted (2xx) in a ledger file, appended and fsync'd before the answer,
 * so a test can count deliveries exactly, even across a gateway crash. A scripted answer may also come late (the
 * agency processed the document, then answers after the caller gave up waiting); requests are served concurrently,
 * so a late answer holds up no other.
 */
public final class AgencyStub implements AutoCloseable {

    /** One request as the agency saw it. */
    public record Request(int status, String idempotencyKey, int bodyLength) {
    }

    /** One scripted answer: the status, sent after {@code delayMs} (the ledger is written before the delay). */
    private record Answer(int status, long delayMs) {
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool();
    private final java.util.Map<String, ConcurrentLinkedDeque<Answer>> scripts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Path ledger;

    public AgencyStub(Path ledger) throws IOException {
        this.ledger = ledger;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            Answer scripted = scripts.entrySet().stream().filter(e -> text.contains(e.getKey()))
                    .map(e -> e.getValue().pollFirst()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            int status = scripted == null ? 200 : scripted.status();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (status >= 200 && status < 300) {
                synchronized (this) {
                    Files.writeString(ledger, key + " " + body.length + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                }
            }
            requests.add(new Request(status, key, body.length));
            if (scripted != null && scripted.delayMs() > 0) {
                try {
                    Thread.sleep(scripted.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            try (OutputStream ignored = exchange.getResponseBody()) {
                // empty answer
            }
        });
        server.setExecutor(workers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/documents";
    }

    /** The next answers, in order, to documents containing {@code marker}; afterwards the stub answers 200. */
    public void answer(String marker, Integer... statuses) {
        for (int status : statuses) {
            scripts.computeIfAbsent(marker, k -> new ConcurrentLinkedDeque<>()).add(new Answer(status, 0));
        }
    }

    /**
     * The next document containing {@code marker} is accepted (recorded in the ledger) at once, but the 200 goes out
     * only after {@code delayMs}: longer than the caller's timeout, the caller sees a timeout after the agency took it.
     */
    public void answerLate(String marker, long delayMs) {
        scripts.computeIfAbsent(marker, k -> new ConcurrentLinkedDeque<>()).add(new Answer(200, delayMs));
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Idempotency keys of accepted deliveries, from the fsync'd ledger. */
    public List<String> ledger() throws IOException {
        return Files.exists(ledger) ? Files.readAllLines(ledger).stream().map(l -> l.split(" ")[0]).toList() : List.of();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
