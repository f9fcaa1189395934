package hk.tsw.gateway.intake.as2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import hk.tsw.gateway.bench.As2PartnerClient;
import hk.tsw.gateway.testsupport.InterchangeGenerator;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.partner.As2Profile;
import hk.tsw.gateway.partner.PartnerRegistry;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * The AS2 benchmark plays the demo forwarder: what it posts must be what the gateway's unwrapping accepts under
 * DEMOFWD's agreement (signed SHA-256, encrypted AES, signed MDN asked for), and what it calls a good MDN must be a
 * signed, positive one carrying its MIC — otherwise its figures would count refused or unchecked messages.
 */
class BenchAs2PartnerTest {

    private static final Path CONFIG = TestEngine.REPO.resolve("config");
    private static final GatewayKeys GATEWAY = GatewayKeys.load(CONFIG.resolve("demo/as2/gateway"));

    private final As2PartnerClient client;
    private final InterchangeGenerator.Interchange interchange = new InterchangeGenerator(5).declarations(1);

    BenchAs2PartnerTest() throws Exception {
        client = new As2PartnerClient(CONFIG, URI.create("http://127.0.0.1:9/as2"), "aes128");
    }

    @Test
    void the_bench_message_unwraps_under_demofwds_agreement_with_the_mic_the_bench_expects() throws Exception {
        As2PartnerClient.Prepared p = client.prepare("<bench-test-1@demofwd.example>", interchange.fileName(),
                interchange.content());
        As2Message m = new As2Message(p.headers(), p.body());
        As2Profile demofwd = PartnerRegistry.load(CONFIG.resolve("partners"), TestEngine.REPO.resolve("xsd/config/partner.xsd"))
                .byAs2Id(m.as2From()).orElseThrow().as2().orElseThrow();

        InboundUnwrapper.Unwrapped u = InboundUnwrapper.unwrap(MimeEntity.fromHttp(m.contentType(), null, m.body()),
                demofwd, GATEWAY, Instant.now());

        assertTrue(u.signed() && u.encrypted(), "signed and encrypted");
        assertEquals(CMSAlgorithm.AES128_CBC.getId(), u.encryptionOid());
        assertArrayEquals(interchange.content(), u.payload().body());
        assertEquals("application/edifact", u.payload().mediaType());
        assertEquals(p.mic(), Smime.mic(u.micContent(), "sha-256"));
        assertEquals("TSWGATEWAY", m.as2To());
        assertTrue(m.signedMdnRequested());
        assertEquals(List.of("sha-256"), m.requestedMicAlgorithms());
    }

    @Test
    void the_bench_counts_only_a_signed_positive_mdn_for_its_message_with_its_mic() {
        As2PartnerClient.Prepared p = client.prepare("<bench-test-2@demofwd.example>", interchange.fileName(),
                interchange.content());

        assertNull(client.problem(p, mdn(p.messageId(), null, p.mic(), true)));
        assertNotNull(client.problem(p, mdn(p.messageId(), As2Failure.DECRYPTION_FAILED, p.mic(), true)));
        assertNotNull(client.problem(p, mdn(p.messageId(), null, "AAAA", true)));
        assertNotNull(client.problem(p, mdn("<another@demofwd.example>", null, p.mic(), true)));
        assertNotNull(client.problem(p, mdn(p.messageId(), null, p.mic(), false)));
    }

    /** An MDN as the gateway writes it, signed with its demo key or not at all. */
    private static As2PartnerClient.Answer mdn(String messageId, String error, String mic, boolean signed) {
        byte[] report = new MdnWriter("test").report(new MdnWriter.Mdn(messageId, "TSWGATEWAY", error, "test", mic,
                "sha-256"));
        GatewayKeys.KeyPairEntry key = GATEWAY.signing(Instant.now());
        MimeEntity e = MimeEntity.parse(signed ? Smime.sign(report, "sha-256", key.key(), key.certificate()) : report);
        return new As2PartnerClient.Answer(200, e.header("content-type").orElseThrow(), e.encodedBody());
    }
}
