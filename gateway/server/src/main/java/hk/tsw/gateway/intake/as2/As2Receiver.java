package hk.tsw.gateway.intake.as2;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.intake.Intake;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.As2Store;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Receives one AS2 message (RFC 4130): recognises a resend by its Message-ID and answers it with the MDN it got the
 * first time; identifies the partner by AS2-From/AS2-To; takes the S/MIME protection off and checks it against the
 * partner's agreement; checks that the payload's EDIFACT sender is the partner's; makes the payload durable and
 * queues it; and only then builds the MDN (signed when asked, with Received-Content-MIC). Every refusal is an MDN
 * {@code processed/error} with its modifier, an interchange in state REFUSED with the reason, and nothing forwarded.
 */
public final class As2Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(As2Receiver.class);

    /** What to answer on the HTTP connection. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private final String gatewayAs2Id;
    private final PartnerRegistry partners;
    private final GatewayKeys keys;
    private final As2Store store;
    private final Intake intake;
    private final MdnResponder mdns;

    public As2Receiver(String gatewayAs2Id, PartnerRegistry partners, GatewayKeys keys, As2Store store, Intake intake,
                       MdnResponder mdns) {
        this.gatewayAs2Id = gatewayAs2Id;
        this.partners = partners;
        this.keys = keys;
        this.store = store;
        this.intake = intake;
        this.mdns = mdns;
    }

    public Response receive(As2Message m) {
        if (m.messageId().isBlank() || m.messageId().length() > 998) {
            return text(400, "AS2 message without a usable Message-ID header (RFC 4130 6.3): refused, nothing stored");
        }
        MDC.put("as2MessageId", m.messageId());
        try {
            Optional<As2Store.Exchange> prior = store.find(As2Store.IN, m.as2From(), m.messageId(), intake.duplicateWindow());
            if (prior.isPresent()) {
                return mdns.again(prior.get(), m);
            }
            // a new message while the data disk is over its limit: refused before any work (503, nothing stored)
            intake.requireRoom();
            Optional<Partner> partner = partners.byAs2Id(m.as2From());
            if (partner.isEmpty() || !gatewayAs2Id.equals(m.as2To())) {
                String why = partner.isEmpty() ? "AS2-From '" + m.as2From() + "' is not a partner of this gateway"
                        : "AS2-To '" + m.as2To() + "' is not this gateway (" + gatewayAs2Id + ")";
                return refuse(m, null, new As2Failure(As2Failure.AUTHENTICATION_FAILED, why), null);
            }
            Partner p = partner.get();
            MDC.put("partner", p.id());
            InboundUnwrapper.Unwrapped u;
            try {
                u = InboundUnwrapper.unwrap(MimeEntity.fromHttp(m.contentType(),
                        m.header("Content-Transfer-Encoding").orElse(null), m.body()), p.as2().orElseThrow(), keys, Instant.now());
            } catch (IllegalArgumentException e) {
                return refuse(m, p, new As2Failure(As2Failure.UNEXPECTED, "the MIME structure cannot be read: "
                        + e.getMessage()), null);
            } catch (As2Failure f) {
                return refuse(m, p, f, null);
            }
            String micalg = micalg(m, u, p);
            String mic = Smime.mic(u.micContent(), micalg);
            byte[] payload;
            try {
                payload = u.payload().body();
                checkPayload(p, u.payload(), payload);
            } catch (As2Failure f) {
                return refuse(m, p, f, u);
            } catch (IllegalArgumentException e) {
                return refuse(m, p, new As2Failure(As2Failure.UNEXPECTED, e.getMessage()), u);
            }
            if (m.receiptDeliveryOption().isPresent()
                    && !p.as2().orElseThrow().allowsAsyncMdnTo(m.receiptDeliveryOption().get())) {
                return refuse(m, p, new As2Failure(As2Failure.UNEXPECTED, "Receipt-Delivery-Option "
                        + m.receiptDeliveryOption().get() + " is not an asynchronous MDN URL of partner " + p.id()), u);
            }
            // the raw message's fsyncs overlap with the payload's and the queue's; the MDN waits for both
            CompletableFuture<String> rawKept = store.keepInBackground(m.raw());
            String rawSha = PayloadFiles.sha256(m.raw());
            MessageStore.Receipt r = intake.accept(p.id(), "AS2", m.fileName(u.payload()), payload);
            String text = r.duplicate()
                    ? "The AS2 message " + m.messageId() + " from " + m.as2From() + " was received and recorded as"
                            + " gateway message " + r.id() + ". " + r.answer().strip().replace("\n", " ")
                    : "The AS2 message " + m.messageId() + " from " + m.as2From() + " was received and stored"
                            + " (gateway message " + r.id() + "). Processing results follow separately.";
            MdnWriter.Mdn mdn = new MdnWriter.Mdn(m.messageId(), gatewayAs2Id, null, text, mic, micalg);
            return mdns.answer(m, p, mdn, evidence(m, p, r.id(), rawSha, u, mic, micalg), rawKept);
        } finally {
            MDC.remove("as2MessageId");
            MDC.remove("partner");
        }
    }

    private Response refuse(As2Message m, Partner p, As2Failure f, InboundUnwrapper.Unwrapped u) {
        String partnerId = p == null ? "AS2:" + abbreviate(m.as2From(), 60) : p.id();
        long interchange = store.refused(partnerId, m.fileName(u == null ? null : u.payload()), m.raw(), "AS2 " + f.modifier() + ": " + f.getMessage());
        LOG.warn("AS2 message {} from '{}' refused ({}): {} [interchange {}]", m.messageId(), m.as2From(),
                f.modifier(), f.getMessage(), interchange);
        String micalg = u == null ? null : micalg(m, u, p);
        String mic = u == null ? null : Smime.mic(u.micContent(), micalg);
        MdnWriter.Mdn mdn = new MdnWriter.Mdn(m.messageId(), gatewayAs2Id, f.modifier(),
                "The AS2 message " + m.messageId() + " was refused: " + f.getMessage() + ". Nothing was forwarded.",
                mic, micalg);
        As2Store.Exchange e = evidence(m, p, interchange, null, u, mic, micalg);
        return mdns.answer(m, p, mdn, e, null);
    }

    /** The MIC algorithm: the first the sender asked for that we support; else the signature's; else SHA-256. */
    private static String micalg(As2Message m, InboundUnwrapper.Unwrapped u, Partner p) {
        boolean legacy = p != null && p.as2().map(a -> a.allowLegacyAlgorithms()).orElse(false);
        for (String requested : m.requestedMicAlgorithms()) {
            Optional<String> oid = Algorithms.digestOid(requested);
            if (oid.isPresent() && Algorithms.digestAccepted(oid.get(), legacy || requested.contains("1"))) {
                return Algorithms.micalg(oid.get());
            }
        }
        return u.digestOid() == null ? "sha-256" : Algorithms.micalg(u.digestOid());
    }

    private void checkPayload(Partner p, MimeEntity entity, byte[] payload) throws As2Failure {
        String type = entity.mediaType();
        if (!InboundUnwrapper.acceptedPayloadTypes().contains(type)) {
            throw new As2Failure(As2Failure.UNEXPECTED, "payload content type " + type + " is not accepted (one of "
                    + String.join(", ", InboundUnwrapper.acceptedPayloadTypes()) + ")");
        }
        Optional<InterchangeHeader> unb = InterchangeHeaders.peek(payload);
        if (unb.isPresent()) {
            InterchangeHeader h = unb.get();
            if (!p.sendsAs(h.senderId(), h.senderQualifier())) {
                throw new As2Failure(As2Failure.AUTHENTICATION_FAILED, "the interchange's UNB sender '" + h.sender()
                        + "' is not an EDIFACT sender id of " + p.id() + ", the partner of AS2-From " + p.as2().orElseThrow().as2Id());
            }
        }
    }

    private As2Store.Exchange evidence(As2Message m, Partner p, Long interchange, String rawSha,
                                       InboundUnwrapper.Unwrapped u, String mic, String micalg) {
        return new As2Store.Exchange(0, As2Store.IN, p == null ? null : p.id(), abbreviate(m.as2From(), 128),
                abbreviate(m.as2To(), 128), m.messageId(), interchange, null, rawSha,
                u == null ? null : PayloadSha.of(u.payload()), u != null && u.signed(), u != null && u.encrypted(),
                u != null && u.compressed(), mic, micalg, null, null, null, null, "NONE", null, null,
                u == null ? null : Fingerprints.sha256(u.signer()), Fingerprints.sha256(u == null ? null : u.decryptedWith()),
                detail(u), Instant.now(), null);
    }

    private static String detail(InboundUnwrapper.Unwrapped u) {
        if (u == null) {
            return null;
        }
        return (u.signed() ? "signed " + Algorithms.name(u.digestOid()) : "unsigned")
                + (u.encrypted() ? ", encrypted " + Algorithms.name(u.encryptionOid()) : ", not encrypted")
                + (u.compressed() ? ", compressed" : "") + ", payload " + u.payload().mediaType();
    }

    static Response text(int status, String text) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/plain; charset=utf-8");
        return new Response(status, h, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static String abbreviate(String s, int max) {
        return s == null ? "" : s.length() > max ? s.substring(0, max) : s;
    }

    /** SHA-256 of a payload entity's decoded body. */
    static final class PayloadSha {
        private PayloadSha() {
        }

        static String of(MimeEntity e) {
            try {
                return PayloadFiles.sha256(e.body());
            } catch (IllegalArgumentException ex) {
                return null;
            }
        }
    }

    /** Certificates are named in the evidence by the SHA-256 of their DER encoding. */
    static final class Fingerprints {
        private Fingerprints() {
        }

        static String sha256(X509Certificate c) {
            try {
                return c == null ? null : PayloadFiles.sha256(c.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                return null;
            }
        }
    }
}
