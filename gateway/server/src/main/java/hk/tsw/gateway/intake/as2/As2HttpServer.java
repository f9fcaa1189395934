package hk.tsw.gateway.intake.as2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AS2 listener: the JDK's HTTP server on the configured address only (127.0.0.1 by default — camel-as2's own
 * listener always binds 0.0.0.0), plain HTTP or TLS. It answers {@code Expect: 100-continue} itself (the JDK server
 * sends the interim 100 before the handler reads the body), so clients that wait for it are not held for seconds.
 * Bodies above the cap are refused with 413 from their Content-Length, or once the count passes it. Before that
 * answer the rest of the body is read and discarded, up to {@code gateway.as2.max.discard.bytes} in all, so a client
 * that writes its whole body before reading (most AS2 products) gets the 413 instead of a connection reset; a client
 * waiting on {@code Expect: 100-continue} gets the 413 at once and never sends the body. Nothing of it is kept.
 */
public final class As2HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(As2HttpServer.class);

    private final HttpServer server;
    private final ExecutorService workers;

    private As2HttpServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static As2HttpServer start(String host, int port, String path, SSLContext tls, int threads, long maxBody,
                                      long maxDiscard, As2Receiver receiver) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        HttpServer server;
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 256);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(address, 256);
        }
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "as2-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext(path, exchange -> handle(exchange, path, maxBody, maxDiscard, receiver));
        server.start();
        LOG.info("AS2 listening on {}://{}:{}{}", tls == null ? "http" : "https", host, server.getAddress().getPort(), path);
        return new As2HttpServer(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, String path, long maxBody, long maxDiscard, As2Receiver receiver)
            throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                reply(exchange, As2Receiver.text(404, "no AS2 endpoint here; post to " + path));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                reply(exchange, As2Receiver.text(405, "AS2 messages are POSTed to " + path));
                return;
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null && parse(length) > maxBody) {
                if (parse(length) <= maxDiscard && !expectsContinue(exchange)) {
                    discard(exchange.getRequestBody(), maxDiscard);
                }
                reply(exchange, As2Receiver.text(413, "message of " + length + " bytes is larger than the AS2 limit of "
                        + maxBody + " bytes: refused, nothing stored"));
                return;
            }
            byte[] body = read(exchange.getRequestBody(), maxBody);
            if (body == null) {
                discard(exchange.getRequestBody(), maxDiscard - maxBody);
                reply(exchange, As2Receiver.text(413, "message larger than the AS2 limit of " + maxBody
                        + " bytes: refused, nothing stored"));
                return;
            }
            Map<String, String> headers = new HashMap<>();
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (!h.getValue().isEmpty()) {
                    headers.put(h.getKey(), String.join(", ", h.getValue()));
                }
            }
            As2Receiver.Response response;
            try {
                response = receiver.receive(new As2Message(headers, body));
            } catch (hk.tsw.gateway.intake.IntakePausedException e) {
                LOG.warn("AS2 message from {} refused, intake paused: {}", exchange.getRemoteAddress(), e.getMessage());
                response = As2Receiver.text(503, "intake paused: " + e.getMessage());
                exchange.getResponseHeaders().add("Retry-After", "60");
            } catch (RuntimeException e) {
                // store or broker unavailable: nothing was acknowledged, the partner resends later
                LOG.error("AS2 message from {} could not be taken: {}", exchange.getRemoteAddress(), e.toString(), e);
                response = As2Receiver.text(503, "the gateway cannot take messages right now (" + e.getClass().getSimpleName()
                        + "); nothing was acknowledged, send again later");
                exchange.getResponseHeaders().add("Retry-After", "30");
            }
            reply(exchange, response);
            hk.tsw.gateway.settings.FaultPoints.installed().halt("acknowledged");
        }
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The whole body, or null once it passes the cap (the rest is not read). */
    private static byte[] read(InputStream in, long max) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean expectsContinue(HttpExchange exchange) {
        String expect = exchange.getRequestHeaders().getFirst("Expect");
        return expect != null && expect.strip().equalsIgnoreCase("100-continue");
    }

    /** Reads and drops at most {@code limit} more bytes of a refused body, so the client is still listening. */
    private static void discard(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[16384];
        long total = 0;
        for (int n; total < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - total))) > 0; ) {
            total += n;
        }
    }

    private static void reply(HttpExchange exchange, As2Receiver.Response r) throws IOException {
        r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
