package hk.tsw.gateway.intake.as2;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the gateway's AS2 messages and asynchronous MDNs the way strict AS2 servers and proxies expect: HTTP/1.1
 * only (the JDK client otherwise offers {@code Upgrade: h2c}, which they refuse), no redirects, and a connection
 * the partner closes is never used again: the JDK client reuses a connection whose server answered
 * {@code Connection: close, TE} (a token list), so after any answer with the {@code close} token the client, and
 * its pool, is replaced. A post on a connection that died before a single byte of the answer came back ("header
 * parser received no bytes", EOF, reset) is retried at once, once, on a new connection: nothing was answered, and
 * the partner recognises a repeated Message-ID.
 */
final class As2HttpPoster {

    private static final Logger LOG = LoggerFactory.getLogger(As2HttpPoster.class);

    private final Duration timeout;
    private final AtomicReference<HttpClient> client = new AtomicReference<>();

    As2HttpPoster(Duration timeout) {
        this.timeout = timeout;
        client.set(newClient());
    }

    OutboundMessages.HttpResult post(URI url, Map<String, String> headers, byte[] body) {
        try {
            HttpResponse<byte[]> r;
            try {
                r = send(url, headers, body);
            } catch (IOException died) {
                if (!diedBeforeAnswer(died)) {
                    throw died;
                }
                LOG.info("AS2 post to {}: the connection died before any answer ({}); sent again at once on a new"
                        + " connection", url, died.toString());
                client.set(newClient());
                r = send(url, headers, body);
            }
            return new OutboundMessages.HttpResult(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.body(), null);
        } catch (IOException e) {
            client.set(newClient());
            return new OutboundMessages.HttpResult(0, "", new byte[0], e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OutboundMessages.HttpResult(0, "", new byte[0], "interrupted");
        }
    }

    private HttpResponse<byte[]> send(URI url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpClient c = client.get();
        HttpResponse<byte[]> r = c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (closes(r)) {
            client.compareAndSet(c, newClient()); // the old client's pooled connection is never used again
        }
        return r;
    }

    /** The answer's {@code Connection} header names {@code close}, alone or in a token list. */
    static boolean closes(HttpResponse<?> r) {
        return r.headers().allValues("Connection").stream().flatMap(v -> Arrays.stream(v.split(",")))
                .anyMatch(t -> t.strip().toLowerCase(Locale.ROOT).equals("close"));
    }

    /** The connection ended before a byte of the answer: nothing was answered. */
    static boolean diedBeforeAnswer(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e instanceof EOFException || m.contains("received no bytes") || m.contains("connection reset")
                || m.contains("connection closed locally") || m.contains("broken pipe");
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
