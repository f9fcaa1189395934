package hk.tsw.gateway.intake.as2;

import hk.tsw.gateway.store.MdnState;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import hk.tsw.gateway.store.As2Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the asynchronous MDNs the gateway owes partners, from the store (any node may send; attempts survive a
 * restart). One MDN keeps one Message-ID across all its attempts. A failed attempt is retried with back-off
 * ({@link RetryPolicy}, {@code gateway.as2.outbound.*}) and recorded on the timeline ({@code AS2_MDN_RETRY}); after
 * the last attempt the MDN is given up: state {@code FAILED} on the exchange, {@code AS2_MDN_FAILED} on the
 * timeline, and an operator may queue it again ({@link As2Store#resendMdn}).
 */
final class AsyncMdns {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncMdns.class);

    private final As2Store store;
    private final MdnResponder mdns;
    private final RetryPolicy retry;

    AsyncMdns(As2Store store, MdnResponder mdns, RetryPolicy retry) {
        this.store = store;
        this.mdns = mdns;
        this.retry = retry;
    }

    void sendDue(OutboundMessages.Poster poster) {
        for (As2Store.Exchange e : store.asyncMdnsDue(Instant.now(), 20)) {
            send(e, poster);
        }
    }

    private void send(As2Store.Exchange e, OutboundMessages.Poster poster) {
        MimeEntity mdn = MimeEntity.parse(store.read(e.mdnSha256()));
        String messageId = store.mdnMessageId(e.id(), mdns.newMessageId());
        Map<String, String> headers = mdns.headers(e.as2From(), mdn, messageId);
        headers.remove("Date");
        headers.remove("MIME-Version");
        OutboundMessages.HttpResult r = poster.post(URI.create(e.mdnUrl()), headers, mdn.encodedBody());
        if (r.error() == null && r.status() / 100 == 2) {
            LOG.info("Asynchronous MDN {} for {} delivered to {} (HTTP {})", messageId, e.messageId(), e.mdnUrl(), r.status());
            String done = "asynchronous MDN " + messageId + " delivered to " + e.mdnUrl() + " (HTTP " + r.status() + ")";
            store.mdn(e.id(), MdnState.SENT, null, null, null, done);
            event(e, "AS2_MDN_SENT", done);
            return;
        }
        String why = r.error() != null ? r.error() : "HTTP " + r.status();
        int attempts = store.mdnAttempts(e.id()) + 1;
        Instant next = Instant.now().plus(retry.after(attempts));
        String detail = "asynchronous MDN " + messageId + " to " + e.mdnUrl() + ": attempt " + attempts + " of "
                + retry.maxAttempts() + " failed (" + why + ")";
        attempts = store.mdnAttemptFailed(e.id(), retry.maxAttempts(), next, detail);
        if (attempts >= retry.maxAttempts()) {
            LOG.error("Asynchronous MDN for {} to {} given up after {} attempts: {}", e.messageId(), e.mdnUrl(),
                    attempts, why);
            event(e, "AS2_MDN_FAILED", detail + "; given up: the exchange's MDN is FAILED until an operator sends it"
                    + " again");
        } else {
            LOG.warn("{}; next attempt at {}", detail, next);
            event(e, "AS2_MDN_RETRY", detail + "; next attempt at " + next);
        }
    }

    private void event(As2Store.Exchange e, String type, String detail) {
        if (e.interchangeId() != null) {
            store.event(e.interchangeId(), type, detail);
        }
    }
}
