package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Conveyance reports through the running gateway (real SFTP, broker, store, file agencies): a CUSREP D.99A vessel
 * arrival and a CUSREP D.96A vessel departure from the demo shipping line reach both the Marine Department and C&ED
 * as config/routing.xml says, and a report whose IMO number fails its check digit is rejected with the located
 * CONV-003 error and reaches no agency.
 */
class ConveyancePipelineTest {

    @TempDir
    static Path dir;
    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = new RunningGateway(dir, Map.of(), Map.of(), Map.of(), config -> { });
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    /** A repository sample sent by DEMOLINE under a new interchange and report number. */
    private static byte[] report(String folder, String sample, String sender, String interchange, String reference,
                                 String newInterchange) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("mappings/" + folder + "/samples/" + sample),
                StandardCharsets.UTF_8);
        return edi.replace(sender, "DEMOLINE:ZZZ").replace(interchange, newInterchange)
                .replace(reference, "DOC-" + newInterchange).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean delivered(String agency, String reference) throws Exception {
        return !gw.agencyFiles(agency, "DOC-" + reference + "-").isEmpty();
    }

    @Test
    void arrival_and_departure_reports_reach_the_marine_department_and_customs() throws Exception {
        gw.upload("demoline", "arrival.edi", report("cusrep-d99a", "hk-sea-arrival-zh-release-chars.edi",
                "HKSHIPAG01:ZZZ", "CR26120300001", "CR2026120300001", "CONV1"));
        gw.upload("demoline", "departure.edi", report("cusrep-d96a", "hk-sea-departure-release-chars.edi",
                "HKSHIPAG01:ZZZ", "CR26120300004", "CR2026120300004", "CONV2"));
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered("MD", "CONV1") && delivered("CED", "CONV1")
                && delivered("MD", "CONV2") && delivered("CED", "CONV2"));
        assertFalse(delivered("CSD", "CONV1") || delivered("TID", "CONV1"));
        Path receipt = gw.mailbox("DEMOLINE").resolve("outbox/CONV1.receipt.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(receipt));
        String text = Files.readString(receipt);
        assertTrue(text.contains("TRANSLATED message 1: CONVEYANCE_REPORT DOC-CONV1, routed to MD, CED"), text);
        assertTrue(text.contains("MD") && text.contains("CED"), text);
    }

    @Test
    void a_vessel_with_a_wrong_imo_check_digit_is_rejected_with_a_located_error() throws Exception {
        byte[] edi = new String(report("cusrep-d99a", "hk-sea-arrival-zh-release-chars.edi", "HKSHIPAG01:ZZZ",
                "CR26120300001", "CR2026120300001", "CONV3"), StandardCharsets.UTF_8)
                .replace("+++9811000:146", "+++9811001:146").getBytes(StandardCharsets.UTF_8);
        gw.upload("demoline", "bad-imo.edi", edi);
        Path rejection = gw.mailbox("DEMOLINE").resolve("outbox/CONV3.rejection.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(rejection));
        String text = Files.readString(rejection);
        assertTrue(text.contains("REJECTED message 1: CONV-003 /TradeDocument/BorderTransportMeans/ID: IMO number 9811001"
                + " is not valid"), text);
        assertFalse(delivered("MD", "CONV3") || delivered("CED", "CONV3"));
    }
}
