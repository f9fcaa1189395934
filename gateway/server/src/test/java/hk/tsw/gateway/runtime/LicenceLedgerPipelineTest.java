package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.RunningGateway;

/**
 * A licence from application to write-off through the running gateway (real SFTP, broker, store, file agencies): a
 * TID strategic-commodities import licence application (SANCRT) reaches TID; TID asks for more information, then
 * issues the licence through the decision API (lines and validity defaulted from the application), and the applicant
 * gets each decision as a CUSRES; the licence is in the ledger; a declaration (CUSDEC) writing off part of it is
 * accepted, a second one exceeding the remainder is rejected with the located LIC-007 error in its APERAK; cancelling
 * the first (BGM 1225 = 1) gives its quantity back, and the second then fits.
 */
class LicenceLedgerPipelineTest {

    @TempDir
    static Path dir;
    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = new RunningGateway(dir, Map.of(), Map.of(), Map.of(), LicenceDeclarations::allowApplications);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    /** A D.96A import declaration by DEMOFWD for the licence holder, writing {@code quantity} NAR off the licence. */
    private static byte[] declaration(String interchange, String reference, String function, String quantity) {
        return LicenceDeclarations.declaration(interchange, reference, function, "47382910", "84571010", "SCI-LEDGER-1",
                "NAR", quantity);
    }

    private static String answer(String interchange, String kind) throws Exception {
        Path file = gw.mailbox("DEMOFWD").resolve("outbox/" + interchange + "." + kind + ".txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file));
        return Files.readString(file);
    }

    private static String licence() throws Exception {
        var response = gw.get("/api/licences/SCI-LEDGER-1");
        assertEquals(200, response.statusCode(), response.body());
        return response.body().replace(" ", "");
    }

    @Test
    void a_licence_issued_by_decision_is_written_off_refused_beyond_its_quantity_and_given_back_on_cancellation()
            throws Exception {
        String sancrt = Files.readString(TestEngine.REPO.resolve("mappings/sancrt-d96a/samples/tid-sc-imp.edi"),
                StandardCharsets.ISO_8859_1).replace("HKLABEQ09:ZZZ", "DEMOFWD:ZZZ").replace("SI26120300001", "LEDG1")
                .replace("SCI2026120300001", "DOC-LEDG1");
        gw.upload("demofwd", "application.edi", sancrt.getBytes(StandardCharsets.ISO_8859_1));
        String receipt = answer("LEDG1", "receipt");
        assertTrue(receipt.contains("LPCO_APPLICATION DOC-LEDG1, routed to TID"), receipt);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.isDirectory(gw.data.resolve("agencies/TID"))
                && Files.list(gw.data.resolve("agencies/TID")).anyMatch(p -> p.getFileName().toString().startsWith("DOC-LEDG1-")));

        assertEquals(400, gw.postJson("/api/agencies/TID/decisions",
                "{\"reference\":\"DOC-LEDG1\",\"decision\":\"MORE_INFORMATION_REQUESTED\"}").statusCode(),
                "asking for more information says what");
        assertEquals(201, gw.postJson("/api/agencies/TID/decisions", "{\"reference\":\"DOC-LEDG1\",\"decision\":"
                + "\"MORE_INFORMATION_REQUESTED\",\"reasons\":[\"Please send the end-user statement signed by the end user\"]}")
                .statusCode());
        var issued = gw.postJson("/api/agencies/TID/decisions", "{\"reference\":\"DOC-LEDG1\",\"decision\":"
                + "\"LICENCE_ISSUED\",\"licence\":{\"number\":\"SCI-LEDGER-1\"}}");
        assertEquals(201, issued.statusCode(), issued.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.outboxFiles("DEMOFWD", "DOC-LEDG1.cusres-TID-", ".edi").size() == 2);
        String more = Files.readString(gw.outboxFiles("DEMOFWD", "DOC-LEDG1.cusres-TID-", ".edi").get(0), StandardCharsets.ISO_8859_1);
        String licensed = Files.readString(gw.outboxFiles("DEMOFWD", "DOC-LEDG1.cusres-TID-", ".edi").get(1), StandardCharsets.ISO_8859_1);
        if (!more.contains("GIS+6'")) {
            String t = more;
            more = licensed;
            licensed = t;
        }
        assertTrue(more.contains("GIS+6'FTX+ACD+++PLEASE SEND THE END-USER STATEMENT SIGNED BY THE END USER'")
                || more.contains("GIS+6'FTX+ACD+++Please send the end-user statement signed by the end user'"), more);
        assertTrue(licensed.contains("RFF+LI:845710:1'MEA+AAE++NAR:2'DOC+911+SCI-LEDGER-1'DTM+157:20261210:102'DTM+36:20270609:102'"),
                licensed);
        Matcher id = Pattern.compile("gateway id (\\d+)").matcher(receipt);
        assertTrue(id.find(), receipt);
        String timeline = gw.get("/api/messages/" + id.group(1)).body();
        assertTrue(timeline.contains("TID: LICENCE_ISSUED licence SCI-LEDGER-1 for HS 845710 2 NAR"), timeline);
        assertTrue(timeline.contains("TID: MORE_INFORMATION_REQUESTED - Please send the end-user statement"), timeline);
        String held = licence();
        assertTrue(held.contains("\"holder\":\"47382910\"") && held.contains("\"origin\":\"ISSUED\"")
                && held.contains("\"validFrom\":\"2026-12-10\"") && held.contains("\"remaining\":2"), held);

        gw.upload("demofwd", "d1.edi", declaration("LDEC1", "DECL-L1", "9", "1.5"));
        assertTrue(answer("LDEC1", "receipt").contains("TRANSLATED message 1: IMPORT_DECLARATION DECL-L1"));
        assertTrue(licence().contains("\"writtenOff\":1.5,\"remaining\":0.5"), licence());

        gw.upload("demofwd", "d2.edi", declaration("LDEC2", "DECL-L2", "9", "1"));
        String rejection = answer("LDEC2", "rejection");
        assertTrue(rejection.contains("REJECTED message 1: LIC-007 /TradeDocument/GoodsItem[1]/AdditionalDocument[1]/ID:"
                + " goods item 1 writes off 1 NAR against Licence SCI-LEDGER-1 (TID-SC-IMP) line 1, which has only 0.5 NAR"
                + " left of 2"), rejection);
        String aperak = Files.readString(gw.outbox("DEMOFWD", "LDEC2", ".aperak.edi"), StandardCharsets.ISO_8859_1);
        assertTrue(aperak.contains("ERC+39'") && aperak.contains("SCI-LEDGER-1"), aperak);
        assertTrue(licence().contains("\"remaining\":0.5"), "nothing written off for the rejected one");

        gw.upload("demofwd", "d1-cancel.edi", declaration("LDEC3", "DECL-L1", "1", "1.5"));
        String cancelled = answer("LDEC3", "receipt");
        assertTrue(cancelled.contains("CANCELLED DECL-L1: 1 licence write-off(s) given back"), cancelled);
        assertTrue(licence().contains("\"writtenOff\":0,\"remaining\":2"), licence());

        gw.upload("demofwd", "d2-again.edi", declaration("LDEC4", "DECL-L2B", "9", "1"));
        assertTrue(answer("LDEC4", "receipt").contains("TRANSLATED message 1: IMPORT_DECLARATION DECL-L2B"));
        assertTrue(licence().contains("\"remaining\":1"), licence());
    }

    @Test
    void a_wco_declaration_writing_off_more_than_the_licence_holds_gets_a_response_naming_the_licence() throws Exception {
        String body = "{\"number\":\"SCI-XML-1\",\"lpcoType\":\"TID-SC-IMP\",\"holder\":\"HK50000003\",\"validFrom\":"
                + "\"2025-01-01\",\"validTo\":\"2025-12-31\",\"lines\":[{\"hsCode\":\"851713\",\"quantity\":100,\"unit\":\"NAR\"}]}";
        assertEquals(201, gw.postJson("/api/agencies/TID/licences", body).statusCode());
        String xml = Files.readString(TestEngine.REPO.resolve("mappings/wco-dec-dms-2/samples/hk-import-licence-write-off.xml"))
                .replace("SCI-2026-0001", "SCI-XML-1");
        gw.upload("demofwd", "wco-write-off.xml", xml.getBytes(StandardCharsets.UTF_8));
        Path response = gw.mailbox("DEMOFWD").resolve("outbox/HKIM20250314LW0001.response.xml");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(response));
        String text = Files.readString(response);
        assertTrue(text.contains("<FunctionCode>03</FunctionCode>") && text.contains("<ValidationCode>LIC-007</ValidationCode>")
                && text.contains("goods item 1 writes off 120 NAR against Licence SCI-XML-1 (TID-SC-IMP) line 1, which has"
                + " only 100 NAR left of 100 (at /TradeDocument/GoodsItem[1]/AdditionalDocument[2]/ID)"), text);
        assertTrue(gw.get("/api/licences/SCI-XML-1").body().replace(" ", "").contains("\"remaining\":100"));
    }

    /** An amended declaration (BGM 1225 = 5) replaces its earlier write-off instead of writing off again. */
    @Test
    void an_amended_declaration_replaces_its_write_off() throws Exception {
        String body = "{\"number\":\"SCI-AMEND-1\",\"lpcoType\":\"TID-SC-IMP\",\"holder\":\"47382910\",\"validFrom\":"
                + "\"2026-12-01\",\"validTo\":\"2027-05-31\",\"lines\":[{\"hsCode\":\"8457\",\"quantity\":5,\"unit\":\"NAR\"}]}";
        assertEquals(201, gw.postJson("/api/agencies/TID/licences", body).statusCode());
        gw.upload("demofwd", "am1.edi", LicenceDeclarations.declaration("AMD1", "DECL-AM1", "9", "47382910", "84571010",
                "SCI-AMEND-1", "NAR", "3"));
        assertTrue(answer("AMD1", "receipt").contains("TRANSLATED message 1: IMPORT_DECLARATION DECL-AM1"));
        assertTrue(gw.get("/api/licences/SCI-AMEND-1").body().replace(" ", "").contains("\"writtenOff\":3,\"remaining\":2"));
        // the amendment writes off 4 in place of 3: 1 left (written off again, 4 would not fit the 2 left)
        gw.upload("demofwd", "am2.edi", LicenceDeclarations.declaration("AMD2", "DECL-AM1", "5", "47382910", "84571010",
                "SCI-AMEND-1", "NAR", "4"));
        assertTrue(answer("AMD2", "receipt").contains("TRANSLATED message 1: IMPORT_DECLARATION DECL-AM1"),
                answer("AMD2", "receipt"));
        assertTrue(gw.get("/api/licences/SCI-AMEND-1").body().replace(" ", "").contains("\"writtenOff\":4,\"remaining\":1"),
                gw.get("/api/licences/SCI-AMEND-1").body());
    }

    /**
     * The operator replays an accepted declaration: the replay is processed and answered again, and the licence is not
     * written off a second time (the replay replaces the first processing's write-off).
     */
    @Test
    void a_replayed_declaration_does_not_write_the_licence_off_twice() throws Exception {
        String body = "{\"number\":\"SCI-REPLAY-1\",\"lpcoType\":\"TID-SC-IMP\",\"holder\":\"47382910\",\"validFrom\":"
                + "\"2026-12-01\",\"validTo\":\"2027-05-31\",\"lines\":[{\"hsCode\":\"8457\",\"quantity\":5,\"unit\":\"NAR\"}]}";
        assertEquals(201, gw.postJson("/api/agencies/TID/licences", body).statusCode());
        gw.upload("demofwd", "rp1.edi", LicenceDeclarations.declaration("RPL1", "DECL-RP1", "9", "47382910", "84571010",
                "SCI-REPLAY-1", "NAR", "3"));
        String receipt = answer("RPL1", "receipt");
        assertTrue(receipt.contains("TRANSLATED message 1: IMPORT_DECLARATION DECL-RP1"), receipt);
        assertTrue(gw.get("/api/licences/SCI-REPLAY-1").body().replace(" ", "").contains("\"writtenOff\":3,\"remaining\":2"));
        Matcher id = Pattern.compile("gateway id (\\d+)").matcher(receipt);
        assertTrue(id.find(), receipt);
        var replayed = gw.post("/api/messages/" + id.group(1) + "/replay?comment=ledger%20replay%20test");
        assertEquals(202, replayed.statusCode(), replayed.body());
        Matcher replay = Pattern.compile("\"replayId\"\\s*:\\s*(\\d+)").matcher(replayed.body());
        assertTrue(replay.find(), replayed.body());
        // past RECEIVED and ROUTED (translated, deliveries still pending): the replay's outcome
        await().atMost(Duration.ofSeconds(60)).until(() -> !gw.get("/api/messages/" + replay.group(1)).body()
                .matches("(?s)[^\\[]*\"state\" : \"(RECEIVED|ROUTED)\".*"));
        String again = gw.get("/api/messages/" + replay.group(1)).body();
        assertTrue(again.matches("(?s).*\"state\" : \"(TRANSLATED|DELIVERED)\".*"), "the replay is accepted: " + again);
        String licence = gw.get("/api/licences/SCI-REPLAY-1").body().replace(" ", "");
        assertTrue(licence.contains("\"writtenOff\":3,\"remaining\":2"), "written off once, not twice: " + licence);
    }

    /** A manifest line citing a checked licence: refused while the licence is suspended, accepted once reinstated. */
    @Test
    void a_manifest_citing_a_suspended_licence_is_rejected_at_its_goods_item_and_writes_nothing_off() throws Exception {
        String body = "{\"number\":\"SCI-MAN-1\",\"lpcoType\":\"TID-SC-IMP\",\"holder\":\"33445566\",\"validFrom\":"
                + "\"2025-01-01\",\"validTo\":\"2025-12-31\",\"lines\":[{\"hsCode\":\"2106\",\"quantity\":20000,\"unit\":\"KGM\"}]}";
        assertEquals(201, gw.postJson("/api/agencies/TID/licences", body).statusCode());
        assertEquals(200, gw.postJson("/api/agencies/TID/licences/SCI-MAN-1/suspend", "{\"reason\":\"under review\"}").statusCode());
        // the sea manifest's first goods item (consignee 33445566, 12800 KGM) cites the licence in its DOC
        String manifest = Files.readString(TestEngine.REPO.resolve("mappings/cuscar-d96a/samples/hk-sea-manifest-release-chars.edi"),
                StandardCharsets.ISO_8859_1).replace("OOCLHKG:ZZZ", "DEMOFWD:ZZZ").replace("SG-CO-2025-556677", "SCI-MAN-1");
        gw.upload("demofwd", "man1.edi", manifest.replace("OOCL2503220001", "LMAN1").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer("LMAN1", "rejection").contains("LIC-002 /TradeDocument/Consignment[1]/GoodsItem[1]/AdditionalDocument[1]/ID:"
                + " Licence SCI-MAN-1 (TID-SC-IMP) is suspended (under review) and cannot be written off"), answer("LMAN1", "rejection"));
        assertEquals(200, gw.postJson("/api/agencies/TID/licences/SCI-MAN-1/reinstate", "{}").statusCode());
        gw.upload("demofwd", "man2.edi", manifest.replace("OOCL2503220001", "LMAN2").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer("LMAN2", "receipt").contains("TRANSLATED message M0001: CARGO_MANIFEST"), answer("LMAN2", "receipt"));
        assertTrue(gw.get("/api/licences/SCI-MAN-1").body().replace(" ", "").contains("\"writtenOff\":0,\"remaining\":20000"));
    }

    @Test
    void agencies_register_suspend_and_revoke_licences_and_a_suspended_one_is_refused() throws Exception {
        String body = "{\"number\":\"SCI-REG-1\",\"lpcoType\":\"TID-SC-IMP\",\"holder\":\"47382910\",\"validFrom\":"
                + "\"2026-12-01\",\"validTo\":\"2027-05-31\",\"lines\":[{\"hsCode\":\"8457\",\"quantity\":5,\"unit\":\"NAR\"}]}";
        assertEquals(403, gw.postJson("/api/agencies/OFCA/licences", body).statusCode(), "TID's licence type");
        assertEquals(201, gw.postJson("/api/agencies/TID/licences", body).statusCode());
        assertEquals(409, gw.postJson("/api/agencies/TID/licences", body).statusCode(), "registered once");
        assertEquals(400, gw.postJson("/api/agencies/TID/licences", body.replace("TID-SC-IMP", "NO-SUCH")).statusCode());
        assertEquals(404, gw.postJson("/api/agencies/OFCA/licences/SCI-REG-1/suspend", "{}").statusCode(), "not OFCA's");
        var suspended = gw.postJson("/api/agencies/TID/licences/SCI-REG-1/suspend", "{\"reason\":\"end use under review\"}");
        assertEquals(200, suspended.statusCode(), suspended.body());
        byte[] edi = new String(declaration("LREG1", "DECL-R1", "9", "1"), StandardCharsets.ISO_8859_1)
                .replace("SCI-LEDGER-1", "SCI-REG-1").getBytes(StandardCharsets.ISO_8859_1);
        gw.upload("demofwd", "r1.edi", edi);
        assertTrue(answer("LREG1", "rejection").contains("LIC-002 /TradeDocument/GoodsItem[1]/AdditionalDocument[1]/ID:"
                + " Licence SCI-REG-1 (TID-SC-IMP) is suspended (end use under review) and cannot be written off"));
        assertEquals(200, gw.postJson("/api/agencies/TID/licences/SCI-REG-1/revoke", "{}").statusCode());
        assertEquals(404, gw.postJson("/api/agencies/TID/licences/SCI-REG-1/reinstate", "{}").statusCode(),
                "a revoked licence stays revoked");
        assertTrue(gw.get("/api/licences/SCI-REG-1").body().contains("\"status\":\"REVOKED\""));
        assertEquals(404, gw.get("/api/licences/NO-SUCH-LICENCE").statusCode());
    }
}
