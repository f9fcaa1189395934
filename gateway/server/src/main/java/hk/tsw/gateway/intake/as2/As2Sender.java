package hk.tsw.gateway.intake.as2;

import java.net.URI;
import java.time.Duration;
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
 * URLs the partner files allow ({@link AsyncMdns}). Both are retried with back-off up to
 * {@code gateway.as2.outbound.max.attempts}; a reply keeps its Message-ID across retries, and so does an MDN.
 * Everything goes out over HTTP/1.1 ({@link As2HttpPoster}). In a cluster it is a singleton: it sends only while
 * {@code leading} says this node holds it (store/SingletonElector), checked before each round and between its halves.
 */
public final class As2Sender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(As2Sender.class);

    private final ScheduledExecutorService timer;
    private final OutboundMessages outbound;
    private final AsyncMdns asyncMdns;
    private final As2HttpPoster http;
    private final java.util.function.BooleanSupplier leading;

    private As2Sender(OutboundMessages outbound, AsyncMdns asyncMdns, Duration timeout,
                      java.util.function.BooleanSupplier leading) {
        this.leading = leading;
        this.outbound = outbound;
        this.asyncMdns = asyncMdns;
        this.http = new As2HttpPoster(timeout);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "as2-sender");
            t.setDaemon(true);
            return t;
        });
    }

    public static As2Sender start(String gatewayAs2Id, PartnerRegistry partners, GatewayKeys keys, As2Store store,
                                  ReplyStore replies, MdnResponder mdns, Duration poll, int maxAttempts,
                                  Duration retryDelay, Duration maxRetryDelay, Duration timeout,
                                  java.util.function.BooleanSupplier leading) {
        OutboundMessages outbound = new OutboundMessages(gatewayAs2Id, partners, keys, store, replies, maxAttempts,
                retryDelay, maxRetryDelay);
        AsyncMdns asyncMdns = new AsyncMdns(store, mdns, new RetryPolicy(maxAttempts, retryDelay, maxRetryDelay));
        As2Sender sender = new As2Sender(outbound, asyncMdns, timeout, leading);
        sender.timer.scheduleWithFixedDelay(sender::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return sender;
    }

    private void poll() {
        try {
            if (leading.getAsBoolean()) {
                outbound.sendDue(this::post);
            }
            if (leading.getAsBoolean()) {
                asyncMdns.sendDue(this::post);
            }
        } catch (RuntimeException e) {
            LOG.warn("AS2 sender: {}", e.toString(), e);
        }
    }

    /** POSTs one AS2 message; the response as (status, content type, body). */
    OutboundMessages.HttpResult post(URI url, Map<String, String> headers, byte[] body) {
        return http.post(url, headers, body);
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
