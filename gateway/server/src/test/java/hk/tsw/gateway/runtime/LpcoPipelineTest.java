package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.RunningGateway;

/**
 * Licence applications through the running gateway (real SFTP, broker, store, file agencies): SANCRT applications
 * reach the LPCO type's owner named by config/routing.xml, one whose LPCO type no rule routes is rejected with the
 * located RTE-001 error, and GET /api/documents serves the catalogue. The gateway refuses to start on an
 * inconsistent configuration (StartupChecks), so its starting here also shows the repository's configuration holds.
 */
class LpcoPipelineTest {

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

    private static byte[] application(String sample, Charset charset, String sender, String interchange,
                                      String reference, String newInterchange) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("mappings/sancrt-d96a/samples/" + sample), charset);
        return edi.replace(sender, "DEMOFWD:ZZZ").replace(interchange, newInterchange)
                .replace(reference, "DOC-" + newInterchange).getBytes(charset);
    }

    private static boolean delivered(String agency, String reference) throws Exception {
        return !gw.agencyFiles(agency, "DOC-" + reference + "-").isEmpty();
    }

    @Test
    void applications_reach_the_owner_of_their_lpco_type() throws Exception {
        gw.upload("demofwd", "ofca.edi", application("ofca-rta.edi", StandardCharsets.ISO_8859_1, "HKRADIO01:ZZZ",
                "RT26120200002", "RTA2026120200002", "LPCO1"));
        gw.upload("demofwd", "tid.edi", application("tid-sc-exp-release-chars.edi", StandardCharsets.ISO_8859_1,
                "HKTRADING88:ZZZ", "SC26120100001", "SCX2026120100001", "LPCO2"));
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered("OFCA", "LPCO1") && delivered("TID", "LPCO2"));
        assertFalse(delivered("TID", "LPCO1") || delivered("AFCD", "LPCO1") || delivered("OFCA", "LPCO2"));
        String receipt = Files.readString(gw.mailbox("DEMOFWD").resolve("outbox/LPCO1.receipt.txt"));
        assertTrue(receipt.contains("TRANSLATED message 1: LPCO_APPLICATION DOC-LPCO1, routed to OFCA "), receipt);
    }

    @Test
    void an_application_no_rule_routes_is_rejected_with_a_located_error() throws Exception {
        byte[] edi = new String(application("ofca-rta.edi", StandardCharsets.ISO_8859_1, "HKRADIO01:ZZZ",
                "RT26120200002", "RTA2026120200002", "LPCO3"), StandardCharsets.ISO_8859_1)
                .replace("BGM+911:::OFCA-RTA", "BGM+911:::NO-RULE-TYPE").getBytes(StandardCharsets.ISO_8859_1);
        gw.upload("demofwd", "unrouted.edi", edi);
        Path rejection = gw.mailbox("DEMOFWD").resolve("outbox/LPCO3.rejection.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(rejection));
        String text = Files.readString(rejection);
        assertTrue(text.contains("REJECTED message 1: RTE-001 /TradeDocument/LPCOApplication/TypeCode: No agency receives"
                + " LPCO_APPLICATION of LPCO type NO-RULE-TYPE documents"), text);
        assertFalse(text.contains("->"), text);
    }

    @Test
    void the_catalogue_is_served_with_the_schema_field_names() throws Exception {
        var response = gw.get("/api/documents");
        assertEquals(200, response.statusCode());
        String body = response.body();
        for (String code : new String[]{"TID-SC-EXP", "AFCD-PEST", "OFCA-RTA"}) {
            assertTrue(body.contains("\"code\" : \"" + code + "\""), body);
        }
        assertTrue(body.contains("\"status\" : \"live\"") && body.contains("\"lpcoType\" : \"OFCA-RTA\"")
                && body.contains("\"rulesFolder\" : \"rules/LPCO_APPLICATION/OFCA-RTA\""), body);
    }
}
