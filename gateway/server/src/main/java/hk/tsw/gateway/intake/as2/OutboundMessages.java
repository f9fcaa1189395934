package hk.tsw.gateway.intake.as2;

import hk.tsw.gateway.store.ReplyState;
import hk.tsw.gateway.store.MdnState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import hk.tsw.gateway.partner.As2Profile;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.As2Store;
import hk.tsw.gateway.store.ReplyStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies to partners whose reply channel is AS2: each is signed with the gateway's newest valid key, encrypted
 * (AES-256) to the partner's newest valid certificate, and posted with a request for a signed synchronous MDN. The
 * MDN is verified against the partner's certificates and its MIC compared with ours; only a verified, positive MDN
 * with the same MIC settles the reply. Anything else (no answer, HTTP error, unsigned or error MDN, MIC mismatch)
 * is recorded on the exchange and the timeline and retried with back-off under the same Message-ID.
 */
final class OutboundMessages {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundMessages.class);

    record HttpResult(int status, String contentType, byte[] body, String error) {
    }

    interface Poster {
        HttpResult post(URI url, Map<String, String> headers, byte[] body);
    }

    private final String gatewayAs2Id;
    private final PartnerRegistry partners;
    private final GatewayKeys keys;
    private final As2Store store;
    private final ReplyStore replies;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;

    OutboundMessages(String gatewayAs2Id, PartnerRegistry partners, GatewayKeys keys, As2Store store, ReplyStore replies,
                     int maxAttempts, Duration retryDelay, Duration maxRetryDelay) {
        this.gatewayAs2Id = gatewayAs2Id;
        this.partners = partners;
        this.keys = keys;
        this.store = store;
        this.replies = replies;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
    }

    void sendDue(Poster poster) {
        for (ReplyStore.Reply r : replies.claimDue("AS2", 20, Duration.ofMinutes(5))) {
            String problem;
            try {
                problem = send(r, poster);
            } catch (RuntimeException e) {
                problem = "unexpected: " + e;
                LOG.warn("AS2 reply {} to {}: {}", r.id(), r.partner(), e.toString(), e);
            }
            if (problem != null) {
                failed(r, problem);
            }
        }
    }

    /** Sends one reply; null when a verified positive MDN with our MIC came back, else what went wrong. */
    private String send(ReplyStore.Reply r, Poster poster) {
        Optional<Partner> partner = partners.byId(r.partner());
        Optional<As2Profile> profile = partner.flatMap(Partner::as2);
        if (profile.isEmpty() || profile.get().url().isEmpty()) {
            return "partner " + r.partner() + " has no AS2 url in its partner file";
        }
        As2Profile p = profile.get();
        Optional<X509Certificate> to = p.newestValid(Instant.now());
        if (to.isEmpty()) {
            return "partner " + r.partner() + " has no valid AS2 certificate to encrypt to";
        }
        byte[] content = replies.content(r);
        byte[] payload = Smime.concat(("Content-Type: " + contentType(content) + "\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-Disposition: attachment; filename=\"" + r.fileName() + "\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), content);
        String micalg = "sha-256";
        String mic = Smime.mic(payload, micalg);
        GatewayKeys.KeyPairEntry signer = keys.signing(Instant.now());
        byte[] signed = Smime.sign(payload, micalg, signer.key(), signer.certificate());
        MimeEntity encrypted = MimeEntity.parse(Smime.encrypt(signed, to.get(), CMSAlgorithm.AES256_CBC));
        As2Store.Exchange exchange = exchangeFor(r, p, mic, micalg, signer.certificate(), to.get());
        String rawSha = store.keep(encrypted.raw());
        Map<String, String> headers = headers(p, exchange.messageId(), encrypted, r);
        HttpResult result = poster.post(p.url().get(), headers, encrypted.encodedBody());
        if (result.error() != null || result.status() / 100 != 2) {
            String why = result.error() != null ? result.error() : "HTTP " + result.status();
            store.mdn(exchange.id(), MdnState.MISSING, null, null, null, "no MDN: " + why);
            return "no MDN from " + p.url().get() + ": " + why;
        }
        String mdnSha = store.keep(Smime.concat(("Content-Type: " + result.contentType() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), result.body()));
        MdnReader.Receipt receipt;
        try {
            receipt = MdnReader.read(MimeEntity.fromHttp(result.contentType(), null, result.body()), p.validAt(Instant.now()), true);
        } catch (As2Failure | IllegalArgumentException e) {
            store.mdn(exchange.id(), MdnState.INVALID, null, mdnSha, null, "MDN not accepted: " + e.getMessage());
            return "MDN not accepted: " + e.getMessage();
        }
        if (!receipt.originalMessageId().equals(exchange.messageId())) {
            store.mdn(exchange.id(), MdnState.INVALID, receipt.mic(), mdnSha, receipt.disposition(),
                    "MDN for another message: " + receipt.originalMessageId());
            return "MDN answers Message-ID " + receipt.originalMessageId() + ", not " + exchange.messageId();
        }
        if (!receipt.processedWithoutError()) {
            store.mdn(exchange.id(), MdnState.NEGATIVE, receipt.mic(), mdnSha, receipt.disposition(), "the partner refused the message");
            return "the partner's MDN says " + receipt.disposition();
        }
        if (!mic.equals(receipt.mic())) {
            store.mdn(exchange.id(), MdnState.MIC_MISMATCH, receipt.mic(), mdnSha, receipt.disposition(),
                    "MIC mismatch: sent " + mic + " " + micalg + ", MDN says " + receipt.mic() + " " + receipt.micalg());
            return "MIC mismatch: ours " + mic + ", the MDN's " + receipt.mic();
        }
        store.mdn(exchange.id(), MdnState.VERIFIED, receipt.mic(), mdnSha, receipt.disposition(),
                "signed MDN verified, MIC matches (raw " + rawSha + ")");
        replies.settle(r.id(), ReplyState.SENT, r.kind() + " " + r.fileName() + " delivered to " + r.partner()
                + " by AS2 (Message-ID " + exchange.messageId() + ", MDN verified, MIC " + mic + ")");
        return null;
    }

    /** The reply's exchange: the one of an earlier attempt (same Message-ID), or a new one. */
    private As2Store.Exchange exchangeFor(ReplyStore.Reply r, As2Profile p, String mic, String micalg,
                                          X509Certificate ours, X509Certificate theirs) {
        Optional<As2Store.Exchange> earlier = store.forReply(r.id());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String messageId = "<tsw-" + r.id() + "-" + UUID.randomUUID() + "@" + gatewayAs2Id.replaceAll("[^A-Za-z0-9.-]", "") + ">";
        As2Store.Exchange e = new As2Store.Exchange(0, As2Store.OUT, r.partner(), gatewayAs2Id, p.as2Id(), messageId,
                r.interchangeId(), r.id(), null, null, true, true, false, mic, micalg, null, null, "SYNC",
                null, MdnState.AWAITING.name(), null, null, As2Receiver.Fingerprints.sha256(theirs), As2Receiver.Fingerprints.sha256(ours),
                r.kind() + " " + r.fileName(), Instant.now(), null);
        long id = store.record(e, Duration.ofDays(3650));
        return store.get(Math.abs(id)).orElseThrow();
    }

    private Map<String, String> headers(As2Profile p, String messageId, MimeEntity encrypted, ReplyStore.Reply r) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("AS2-Version", "1.2");
        h.put("AS2-From", MdnResponder.quote(gatewayAs2Id));
        h.put("AS2-To", MdnResponder.quote(p.as2Id()));
        h.put("Message-ID", messageId);
        h.put("Subject", r.kind() + " " + r.fileName());
        h.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
        h.put("Disposition-Notification-To", gatewayAs2Id);
        h.put("Disposition-Notification-Options",
                "signed-receipt-protocol=required, pkcs7-signature; signed-receipt-micalg=required, sha-256");
        h.put("Content-Type", encrypted.header("content-type").orElseThrow());
        h.put("Content-Disposition", "attachment; filename=\"smime.p7m\"");
        return h;
    }

    private void failed(ReplyStore.Reply r, String problem) {
        int attempts = replies.attemptFailed(r.id(), problem, Instant.now().plus(backoff(r.attempts() + 1)));
        if (attempts >= maxAttempts) {
            replies.settle(r.id(), ReplyState.FAILED, r.kind() + " " + r.fileName() + " could not be delivered to "
                    + r.partner() + " by AS2 after " + attempts + " attempts: " + problem);
            LOG.error("AS2 reply {} to {} given up after {} attempts: {}", r.id(), r.partner(), attempts, problem);
        } else {
            LOG.warn("AS2 reply {} to {} (attempt {}): {}; retried later", r.id(), r.partner(), attempts, problem);
        }
    }

    private Duration backoff(int attempt) {
        long ms = retryDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(ms, maxRetryDelay.toMillis()));
    }

    static String contentType(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 8), StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("UNA") || head.startsWith("UNB")) {
            return "application/EDIFACT";
        }
        return head.startsWith("<") ? "application/xml" : "text/plain; charset=utf-8";
    }
}
