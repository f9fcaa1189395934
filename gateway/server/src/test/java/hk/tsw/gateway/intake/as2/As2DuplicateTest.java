package hk.tsw.gateway.intake.as2;

import static hk.tsw.gateway.testsupport.As2Fixtures.declaration;
import static hk.tsw.gateway.testsupport.As2Fixtures.ref;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.apache.camel.component.as2.api.AS2MessageStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.As2Partner;

/**
 * A partner resends a Message-ID hours later (its MDN was lost), after the gateway restarted: it gets the original
 * MDN again, byte for byte, with the same disposition, and the message is not forwarded a second time. A refused
 * message resent is refused again with the same disposition.
 */
class As2DuplicateTest {

    @TempDir
    Path dir;

    @Test
    void a_resent_message_id_after_a_restart_gets_the_original_mdn_and_is_not_forwarded_again() throws Exception {
        try (AgencyStub ced = new AgencyStub(dir.resolve("ced-ledger.txt"))) {
            String ref = ref("DUP");
            As2Partner.Result first;
            As2Partner.Result refusedFirst;
            As2Partner partner;
            As2Partner refusedSender;
            try (RunningGateway gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of())) {
                refusedSender = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
                refusedFirst = refusedSender.send("x", AS2MessageStructure.SIGNED, declaration("DEMOFWD:ZZZ", ref("NOENC")), null);
                assertTrue(refusedFirst.disposition().endsWith("insufficient-message-security"), refusedFirst.text());
                partner = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
                first = partner.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref), null);
                assertTrue(first.disposition().endsWith("; processed"), first.text());
                await().atMost(Duration.ofSeconds(60)).until(() -> ced.ledger().size() == 1);
            }
            int port;
            try (RunningGateway gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of())) {
                port = gw.runtime.as2Port();
                As2Partner again = partner.on(port);
                As2Partner.Result resent = again.resendLast();
                assertEquals(200, resent.status());
                assertEquals(first.disposition(), resent.disposition());
                // (the camel-as2 client re-serialises the MDN it parsed, so compare what the MDN says)
                assertEquals(first.mic(), resent.mic(), "the original MIC");
                assertTrue(first.mic().endsWith("sha-256") && resent.text().contains("Original-Message-ID: "
                        + partner.lastMessageId()), resent.text());
                assertTrue(resent.contentType().startsWith("multipart/signed"), resent.contentType());
                As2Partner.Result refusedAgain = refusedSender.on(port).resendLast();
                assertEquals(refusedFirst.disposition(), refusedAgain.disposition(), "refused again, same disposition");
                Thread.sleep(2000); // give a wrongly forwarded copy every chance to arrive
                assertEquals(1, ced.ledger().size(), "forwarded once: " + ced.ledger());
                String list = gw.get("/api/messages?reference=" + ref).body();
                long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
                assertTrue(gw.get("/api/messages/" + id).body().contains("AS2_RESEND"), "on the timeline");
            }
        }
    }

    @Test
    void a_corrected_interchange_after_a_full_rejection_is_processed_and_new_content_under_a_used_reference_is_refused()
            throws Exception {
        try (AgencyStub ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
             RunningGateway gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of())) {
            String ref = ref("REUSE");
            As2Partner partner = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
            // taken (the envelope is the partner's), then rejected in full: the UNT count is wrong
            As2Partner.Result bad = partner.send("bad", AS2MessageStructure.SIGNED_ENCRYPTED,
                    declaration("DEMOFWD:ZZZ", ref).replace("UNT+40+1", "UNT+39+1"), null);
            assertTrue(bad.disposition().endsWith("; processed"), bad.text());
            await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages?reference=" + ref
                    + "&state=REJECTED").body().contains("\"id\""));
            // the list's state filter also matches the rejected document's row, which commits before the
            // interchange ends; the duplicate rule reads the interchange's own state (it ends with the answer)
            long rejectedId = Long.parseLong(gw.get("/api/messages?reference=" + ref + "&state=REJECTED").body()
                    .replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
            await().atMost(Duration.ofSeconds(60)).until(() -> "REJECTED".equals(new ObjectMapper()
                    .readTree(gw.get("/api/messages/" + rejectedId).body()).get("state").asText()));
            // the same reference after a full rejection: processed, not a duplicate
            As2Partner.Result good = partner.send("good", AS2MessageStructure.SIGNED_ENCRYPTED,
                    declaration("DEMOFWD:ZZZ", ref), null);
            assertFalse(good.text().contains("DUPLICATE"), good.text());
            await().atMost(Duration.ofSeconds(60)).until(() -> ced.ledger().size() == 1);
            // new content under the reference now used, in a new AS2 message: refused, the MDN text says so
            As2Partner.Result changed = partner.send("changed", AS2MessageStructure.SIGNED_ENCRYPTED,
                    declaration("DEMOFWD:ZZZ", ref).replace("DOC-" + ref, "DOC-" + ref + "B"), null);
            String text = changed.text().replaceAll("\\s+", " ");
            assertTrue(text.contains("DUPLICATE, not processed"), text);
            assertTrue(text.matches(".*the reference " + ref + " was already used by message \\d+ on 20\\d\\d-.*"), text);
            assertTrue(text.contains("send it again with a new interchange reference"), text);
            assertFalse(text.contains("ACCEPTED"), text);
            assertTrue(gw.get("/api/messages?reference=" + ref + "&state=DUPLICATE").body().contains("\"id\""),
                    "the refused interchange is recorded and findable");
            assertFalse(gw.get("/api/messages?reference=DOC-" + ref + "B").body().contains("\"id\""),
                    "nothing of its content was taken");
            assertEquals(1, ced.ledger().size(), "forwarded once: " + ced.ledger());
        }
    }
}
