package hk.tsw.gateway.intake.as2;

import hk.tsw.gateway.store.MdnState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.store.As2Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a disposition into the MDN the sender gets: signed with the gateway's newest valid key when the sender
 * asked for a signed receipt, stored as evidence with its exchange, and returned on the HTTP connection
 * (synchronous) or queued for the partner's allowed Receipt-Delivery-Option URL (asynchronous). A resend of a
 * Message-ID gets the stored MDN again, byte for byte.
 */
public final class MdnResponder {

    private static final Logger LOG = LoggerFactory.getLogger(MdnResponder.class);

    private final String gatewayAs2Id;
    private final GatewayKeys keys;
    private final As2Store store;
    private final MdnWriter writer;
    private final java.time.Duration window;
    /** The right-hand side of the MDNs' Message-IDs: the gateway's AS2 id without what a msg-id may not hold. */
    private final String messageIdDomain;
    /** An AS2 id sent as it is, without quotes (compiled once: two ids per MDN). */
    private static final java.util.regex.Pattern QUOTE_FREE = java.util.regex.Pattern.compile("[!#-\\[\\]-~]+");

    public MdnResponder(String gatewayAs2Id, GatewayKeys keys, As2Store store, MdnWriter writer, java.time.Duration window) {
        this.gatewayAs2Id = gatewayAs2Id;
        this.keys = keys;
        this.store = store;
        this.writer = writer;
        this.window = window;
        this.messageIdDomain = gatewayAs2Id.replaceAll("[^A-Za-z0-9.-]", "");
    }

    /**
     * Builds, keeps and records the MDN and returns what to answer. {@code rawKept} (may be null) is the raw message's
     * background write: waited for before the exchange that names it is recorded, so nothing is recorded or
     * acknowledged before the raw message is durable.
     */
    As2Receiver.Response answer(As2Message m, Partner p, MdnWriter.Mdn mdn, As2Store.Exchange evidence,
                                CompletableFuture<String> rawKept) {
        byte[] entity = writer.report(mdn);
        GatewayKeys.KeyPairEntry signer = keys.signing(Instant.now());
        if (m.signedMdnRequested()) {
            entity = Smime.sign(entity, mdn.micalg() == null ? "sha-256" : mdn.micalg(), signer.key(), signer.certificate());
        }
        MimeEntity e = MimeEntity.parse(entity);
        // asynchronous only to a URL the partner file allows; anything else (unknown sender too) is answered inline
        boolean async = p != null && m.mdnRequested() && m.receiptDeliveryOption().isPresent()
                && p.as2().orElseThrow().allowsAsyncMdnTo(m.receiptDeliveryOption().get());
        String mdnSha = store.keep(entity);
        As2Store.Exchange withMdn = new As2Store.Exchange(0, evidence.direction(), evidence.partner(), evidence.as2From(),
                evidence.as2To(), evidence.messageId(), evidence.interchangeId(), null, evidence.rawSha256(),
                evidence.payloadSha256(), evidence.signed(), evidence.encrypted(), evidence.compressed(), evidence.mic(),
                evidence.micAlgorithm(), null, mdn.disposition(), !m.mdnRequested() ? "NONE" : async ? "ASYNC" : "SYNC",
                async ? m.receiptDeliveryOption().get() : null, (async ? MdnState.PENDING : m.mdnRequested() ? MdnState.SENT : MdnState.NONE).name(),
                mdnSha, e.header("content-type").orElseThrow(), evidence.signerFingerprint(),
                As2Receiver.Fingerprints.sha256(signer.certificate()), evidence.detail(), Instant.now(),
                async || !m.mdnRequested() ? null : Instant.now());
        String event = (async ? "asynchronous MDN to " + m.receiptDeliveryOption().get()
                : m.mdnRequested() ? "synchronous MDN" : "no MDN requested") + ": " + mdn.disposition()
                + (mdn.mic() == null ? "" : ", MIC " + mdn.mic() + " " + mdn.micalg());
        awaitDurable(rawKept);
        // the exchange and its AS2_MDN event in one transaction (one commit per message)
        long id = store.record(withMdn, window, "AS2_MDN", exchange -> event + " (AS2 exchange " + exchange + ")");
        if (id < 0) {
            // another node (or thread) recorded this Message-ID first: answer exactly as it did
            return again(store.get(-id).orElseThrow(), m);
        }
        if (!m.mdnRequested()) {
            return mdn.errorModifier() == null ? new As2Receiver.Response(200, Map.of(), new byte[0])
                    : As2Receiver.text(400, "refused (" + mdn.errorModifier() + "): " + mdn.text());
        }
        if (async) {
            return new As2Receiver.Response(200, Map.of(), new byte[0]);
        }
        return new As2Receiver.Response(200, headers(m.as2From(), e), e.encodedBody());
    }

    private static void awaitDurable(CompletableFuture<String> rawKept) {
        if (rawKept == null) {
            return;
        }
        try {
            rawKept.join();
        } catch (CompletionException e) {
            // as if the write had failed on this thread: nothing recorded, nothing acknowledged (the caller answers 503)
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** A resend of a Message-ID already answered: the same MDN again, nothing forwarded. */
    As2Receiver.Response again(As2Store.Exchange prior, As2Message m) {
        LOG.info("AS2 Message-ID {} from '{}' was received before (exchange {}): answered with its MDN again, not"
                + " forwarded", m.messageId(), m.as2From(), prior.id());
        if (prior.interchangeId() != null) {
            store.event(prior.interchangeId(), "AS2_RESEND", "the partner sent Message-ID " + m.messageId()
                    + " again: answered with the original MDN (" + prior.disposition() + "), not forwarded");
        }
        if (prior.mdnSha256() == null || !m.mdnRequested()) {
            return new As2Receiver.Response(200, Map.of(), new byte[0]);
        }
        byte[] entity = store.read(prior.mdnSha256());
        if ("ASYNC".equals(prior.mdnMode())) {
            store.resendMdn(prior.id(), "resend of the message: asynchronous MDN queued again");
            return new As2Receiver.Response(200, Map.of(), new byte[0]);
        }
        MimeEntity e = MimeEntity.parse(entity);
        return new As2Receiver.Response(200, headers(prior.as2From(), e), e.encodedBody());
    }

    Map<String, String> headers(String to, MimeEntity mdn) {
        return headers(to, mdn, newMessageId());
    }

    /** A fresh Message-ID for an MDN. */
    String newMessageId() {
        return "<tsw-mdn-" + UUID.randomUUID() + "@" + messageIdDomain + ">";
    }

    Map<String, String> headers(String to, MimeEntity mdn, String messageId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("AS2-Version", "1.2");
        h.put("AS2-From", quote(gatewayAs2Id));
        h.put("AS2-To", quote(to));
        h.put("Message-ID", messageId);
        h.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
        h.put("MIME-Version", "1.0");
        h.put("Content-Type", mdn.header("content-type").orElseThrow());
        return h;
    }

    static String quote(String as2Id) {
        return QUOTE_FREE.matcher(as2Id).matches() && !as2Id.contains(" ") ? as2Id : "\"" + as2Id.replace("\"", "") + "\"";
    }
}
