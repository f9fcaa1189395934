package hk.tsw.gateway.as2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.As2Store;
import hk.tsw.gateway.store.ReplyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the gateway owes partners over AS2, from the store (so nothing is only in memory, and any node may
 * send): replies of partners whose reply channel is AS2 ({@link OutboundMessages}), and asynchronous MDNs to the
 * URLs the partner files allow. Failures are retried with back-off; a reply keeps its Message-ID across retries.
 */
public final class As2Sender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(As2Sender.class);

    private final ScheduledExecutorService timer;
    private final As2Store store;
    private final MdnResponder mdns;
    private final OutboundMessages outbound;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration retryDelay;

    private As2Sender(As2Store store, MdnResponder mdns, OutboundMessages outbound, Duration timeout, Duration retryDelay) {
        this.store = store;
        this.mdns = mdns;
        this.outbound = outbound;
        this.timeout = timeout;
        this.retryDelay = retryDelay;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "as2-sender");
            t.setDaemon(true);
            return t;
        });
    }

    public static As2Sender start(String gatewayAs2Id, PartnerRegistry partners, GatewayKeys keys, As2Store store,
                                  ReplyStore replies, MdnResponder mdns, Duration poll, int maxAttempts,
                                  Duration retryDelay, Duration maxRetryDelay, Duration timeout) {
        OutboundMessages outbound = new OutboundMessages(gatewayAs2Id, partners, keys, store, replies, maxAttempts,
                retryDelay, maxRetryDelay);
        As2Sender sender = new As2Sender(store, mdns, outbound, timeout, retryDelay);
        sender.timer.scheduleWithFixedDelay(sender::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return sender;
    }

    private void poll() {
        try {
            outbound.sendDue(this::post);
            sendAsyncMdns();
        } catch (RuntimeException e) {
            LOG.warn("AS2 sender: {}", e.toString(), e);
        }
    }

    /** POSTs one AS2 message; the response as (status, content type, body). */
    OutboundMessages.HttpResult post(URI url, Map<String, String> headers, byte[] body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new OutboundMessages.HttpResult(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.body(), null);
        } catch (java.io.IOException e) {
            return new OutboundMessages.HttpResult(0, "", new byte[0], e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OutboundMessages.HttpResult(0, "", new byte[0], "interrupted");
        }
    }

    private void sendAsyncMdns() {
        List<As2Store.Exchange> due = store.withMdnState(As2Store.IN, MdnResponder.PENDING, 20);
        for (As2Store.Exchange e : due) {
            if (e.mdnAt() != null && e.mdnAt().isAfter(Instant.now().minus(retryDelay))) {
                continue;
            }
            MimeEntity mdn = MimeEntity.parse(store.read(e.mdnSha256()));
            Map<String, String> headers = mdns.headers(e.as2From(), mdn);
            headers.remove("Date");
            headers.remove("MIME-Version");
            OutboundMessages.HttpResult r = post(URI.create(e.mdnUrl()), headers, mdn.encodedBody());
            LOG.info("Asynchronous MDN for {} to {}: {}", e.messageId(), e.mdnUrl(),
                    r.error() != null ? r.error() : "HTTP " + r.status());
            if (r.status() / 100 == 2) {
                store.mdn(e.id(), MdnResponder.SENT, null, null, null, "asynchronous MDN delivered to " + e.mdnUrl());
                if (e.interchangeId() != null) {
                    store.event(e.interchangeId(), "AS2_MDN_SENT", "asynchronous MDN delivered to " + e.mdnUrl()
                            + " (HTTP " + r.status() + ")");
                }
            } else {
                String why = r.error() != null ? r.error() : "HTTP " + r.status();
                store.mdn(e.id(), MdnResponder.PENDING, null, null, null, "asynchronous MDN to " + e.mdnUrl()
                        + " failed (" + why + "); retried");
                LOG.warn("Asynchronous MDN for {} to {} failed: {}", e.messageId(), e.mdnUrl(), why);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
