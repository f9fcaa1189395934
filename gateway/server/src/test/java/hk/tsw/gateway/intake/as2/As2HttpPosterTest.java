package hk.tsw.gateway.intake.as2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * How the gateway's AS2 posts behave against a server that acts like OpenAS2 (answers {@code Connection: close, TE}),
 * on a raw socket server so every connection and every request on it is counted: HTTP/1.1 without an h2c upgrade,
 * no request on a connection the server said it closes, and an immediate retry when a connection dies before any
 * answer. Each has its control.
 */
class As2HttpPosterTest {

    /**
     * A loopback HTTP/1.1 server: the first request on a connection is answered (with {@code connectionHeader}, if
     * any) and the connection kept open; a second request on the same connection is recorded and the connection
     * closed without a byte, which is what a client reusing a connection the server meant to close runs into.
     * The first {@code dropFirst} connections are closed without answering at all.
     */
    static final class Server implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger reused = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        Server(String connectionHeader, int dropFirst) throws IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        open.add(s);
                        int n = connections.incrementAndGet();
                        new Thread(() -> serve(s, connectionHeader, n <= dropFirst)).start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket s, String connectionHeader, boolean drop) {
            try (s) {
                InputStream in = s.getInputStream();
                String head = readRequest(in);
                requests.add(head);
                if (drop) {
                    return;
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                        + (connectionHeader == null ? "" : "Connection: " + connectionHeader + "\r\n") + "\r\nok")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String second = readRequest(in);
                if (second != null) {
                    reused.incrementAndGet();
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        /** The request head, its body skipped by Content-Length; null at end of stream. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String h = head.toString(StandardCharsets.ISO_8859_1);
                if (h.endsWith("\r\n\r\n")) {
                    long length = Long.parseLong(h.toLowerCase(Locale.ROOT)
                            .replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
                    in.readNBytes((int) length);
                    return h;
                }
            }
            return null;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/as2");
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static final byte[] BODY = "payload".getBytes(StandardCharsets.US_ASCII);

    @Test
    void posts_speak_http_1_1_without_an_h2c_upgrade() throws Exception {
        try (Server server = new Server(null, 0)) {
            OutboundMessages.HttpResult r = new As2HttpPoster(Duration.ofSeconds(10)).post(server.url(),
                    Map.of("AS2-Version", "1.2"), BODY);
            assertEquals(200, r.status(), r.error());
            String head = server.requests.get(0);
            assertTrue(head.startsWith("POST /as2 HTTP/1.1\r\n"), head);
            assertFalse(head.toLowerCase(Locale.ROOT).contains("upgrade"), head);
            assertFalse(head.toLowerCase(Locale.ROOT).contains("http2-settings"), head);
        }
    }

    @Test
    void a_connection_close_in_a_token_list_is_honoured_back_to_back() throws Exception {
        try (Server server = new Server("close, TE", 0)) {
            As2HttpPoster poster = new As2HttpPoster(Duration.ofSeconds(10));
            for (int i = 0; i < 12; i++) {
                OutboundMessages.HttpResult r = poster.post(server.url(), Map.of(), BODY);
                assertEquals(200, r.status(), "post " + i + ": " + r.error());
            }
            assertEquals(0, server.reused.get(), "no request on a connection the server closes");
            assertEquals(12, server.connections.get(), "one connection per post");
        }
        try (Server control = new Server("close, TE", 0)) {
            // control: the JDK client alone reuses the connection of a 'close, TE' answer
            java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 2; i++) {
                try {
                    jdk.send(java.net.http.HttpRequest.newBuilder(control.url())
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(BODY)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (IOException diedOnTheReusedConnection) {
                    // what partners saw: "header parser received no bytes"
                }
            }
            assertEquals(1, control.reused.get(), "control: the JDK client sent the second post on the closed"
                    + " connection");
        }
    }

    @Test
    void a_connection_that_dies_before_any_byte_is_retried_at_once_on_a_new_one() throws Exception {
        try (Server server = new Server("close", 1)) {
            OutboundMessages.HttpResult r = new As2HttpPoster(Duration.ofSeconds(10)).post(server.url(), Map.of(), BODY);
            assertNull(r.error());
            assertEquals(200, r.status());
            assertEquals(2, server.connections.get(), "the first connection died unanswered, the second answered");
        }
        try (Server control = new Server("close", 2)) {
            OutboundMessages.HttpResult r = new As2HttpPoster(Duration.ofSeconds(10)).post(control.url(), Map.of(), BODY);
            assertEquals(0, r.status(), "control: retried once only, the second death is reported");
            assertTrue(r.error() != null, "an error is reported");
            assertEquals(2, control.connections.get());
        }
    }
}
