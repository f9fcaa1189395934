package hk.tsw.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--mappings";
        all[args.length + 1] = TestEngine.MAPPINGS.toString();
        all[args.length + 2] = "--data";
        all[args.length + 3] = tmp.resolve("data").toString();
        // share the build's compiled-directory cache so the CLI does not compile again
        try {
            Files.createDirectories(tmp.resolve("data/cache"));
            Files.createSymbolicLink(tmp.resolve("data/cache/dfdl"), TestEngine.DFDL_CACHE);
        } catch (java.io.IOException ignored) {
            // link exists from an earlier call in this test
        }
        return GatewayCli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A complete, rule-abiding CUSDEC D96A message (40 segments) from the demo sample, with its own references. */
    private static String message(String ref, String bgm, String docNumber) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String msg = edi.substring(edi.indexOf("UNH+"), edi.indexOf("UNZ+"));
        return msg.replace("UNH+1+", "UNH+" + ref + "+").replace("UNT+40+1'", "UNT+40+" + ref + "'")
                .replace("BGM+929+HKIMP2025031200017+9'", "BGM+" + bgm + "+" + docNumber + "+9'");
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validate_of_a_missing_file_is_a_usage_error_exit_2_naming_the_path_tried() throws Exception {
        Path missing = tmp.resolve("no-such-file.edi");
        assertEquals(2, cli("validate", missing.toString()));
        assertTrue(stderr().contains("no such readable file") && stderr().contains(missing.toAbsolutePath().toString()),
                stderr());
    }

    @Test
    void broker_refuses_to_start_without_an_acceptor_no_gateway_could_reach() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(config.resolve("gateway.properties"), Files.readString(
                TestEngine.REPO.resolve("config/gateway.properties"))
                + "\ngateway.broker.acceptor=\ngateway.secrets.file=\ngateway.demo.secrets.file=\n");
        assertEquals(2, cli("broker", "--config", config.toString()));
        assertTrue(stderr().contains("gateway.broker.acceptor is empty"), stderr());
        assertFalse(Files.exists(tmp.resolve("data/artemis")), "no journal created");
    }

    @Test
    void translate_writes_one_file_per_message_named_after_unb_and_unh_references() throws Exception {
        TestEngine.get();
        Path edi = Files.writeString(tmp.resolve("two.edi"), "UNB+UNOC:3+SENDER+TSWHK+260101:1200+ICREF1'"
                + message("M1", "929", "DEC001") + message("M2", "830", "DEC002") + "UNZ+2+ICREF1'");
        Path outDir = tmp.resolve("out");
        int status = cli("translate", edi.toString(), "--out", outDir.toString());
        assertEquals(0, status, stderr());
        assertTrue(Files.exists(outDir.resolve("ICREF1-M1.xml")));
        assertTrue(Files.exists(outDir.resolve("ICREF1-M2.xml")));
        assertTrue(stdout().contains(edi + ": message M1: accepted IMPORT_DECLARATION"), stdout());
        assertTrue(stdout().contains(edi + ": message M2: accepted EXPORT_DECLARATION"), stdout());
    }

    @Test
    void validate_reports_located_errors_on_stderr_and_exits_1_while_good_messages_pass() throws Exception {
        Path edi = Files.writeString(tmp.resolve("bad.edi"), "UNB+UNOC:3+SENDER+TSWHK+260101:1200+ICREF2'"
                + message("M1", "929", "DEC001") + message("M2", "830", "DEC002").replace("UNT+40+M2'", "UNT+9+M2'")
                + "UNZ+2+ICREF2'");
        int status = cli("validate", edi.toString());
        assertEquals(1, status);
        assertTrue(stdout().contains("message M1: accepted IMPORT_DECLARATION"), stdout());
        assertEquals(edi + ": message M2: segment 81 (UNT) element 1.1: UNT counts 9 segments but the message has 40"
                + " (UNH to UNT inclusive) [0085=29]. What to do: Correct the count in UNT to the number actually sent"
                + " (or let your EDI software compute it), then send it again.", stderr().strip());
        assertFalse(Files.exists(tmp.resolve("out")), "validate writes nothing");
    }

    @Test
    void interchange_level_error_rejects_every_message_of_the_interchange() throws Exception {
        Path edi = Files.writeString(tmp.resolve("unz.edi"), "UNB+UNOC:3+SENDER+TSWHK+260101:1200+ICREF3'"
                + message("M1", "929", "DEC001") + "UNZ+5+ICREF3'");
        Path outDir = tmp.resolve("out");
        assertEquals(1, cli("translate", edi.toString(), "--out", outDir.toString()));
        assertTrue(stderr().contains(edi + ": interchange ICREF3: segment 42 (UNZ) element 1.1: UNZ counts 5"), stderr());
        assertTrue(stdout().contains("message M1: rejected with its interchange"), stdout());
        try (var files = Files.list(outDir)) {
            assertEquals(0, files.count(), "nothing from a rejected interchange is written");
        }
    }

    @Test
    void preflight_prints_the_contrl_and_the_aperak_a_real_submission_would_get() throws Exception {
        Path edi = Files.writeString(tmp.resolve("rules.edi"), "UNB+UNOC:3+SENDER+TSWHK+260101:1200+ICREF4'"
                + message("M1", "929", "DEC001").replace("LOC+27+CN'", "LOC+27+XX'") + "UNZ+1+ICREF4'");
        assertEquals(1, cli("preflight", edi.toString()));
        assertTrue(stderr().contains("message M1: CMN-001 /TradeDocument/GoodsItem[1]/Origin/CountryCode:"), stderr());
        assertTrue(stdout().contains("UCI+ICREF4+SENDER+TSWHK+7'UCM+M1+CUSDEC:D:96A:UN+7'"), stdout());
        assertTrue(stdout().contains("--- APERAK ICREF4-M1.aperak.edi ---"), stdout());
        assertTrue(stdout().contains("ERC+12'FTX+AAO+++Country of origin code ?'XX?'"), stdout());
    }

    @Test
    void preflight_names_its_answers_after_the_input_file_not_the_path_it_was_read_from() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tsw-upload-123456"));
        Path xml = Files.writeString(dir.resolve("my-declaration.xml"), "<Declaration><broken></Declaration>");
        assertEquals(1, cli("preflight", xml.toString()));
        assertTrue(stdout().contains("--- RESPONSE my-declaration.response.xml ---"), stdout());
        assertFalse(stdout().lines().filter(l -> l.startsWith("---")).anyMatch(l -> l.contains("tsw-upload")
                || l.contains("unknown")), stdout());
    }

    @Test
    void validate_for_a_partner_refuses_an_interchange_from_another_sender_and_says_what_to_do() throws Exception {
        Path edi = Files.writeString(tmp.resolve("not-mine.edi"), "UNB+UNOC:3+DEMOFWD:ZZZ+HKTSWGW:ZZZ+260101:1200+ICREF9'"
                + message("M1", "929", "DEC009") + "UNZ+1+ICREF9'");
        assertEquals(1, cli("validate", "--partner", "DEMOLINE", edi.toString()));
        assertTrue(stderr().contains("interchange ICREF9: segment 1 (UNB) element 2.1: sender 'DEMOFWD:ZZZ' is not an"
                + " EDIFACT sender id of partner DEMOLINE [0085=23]. What to do: Put your own registered sender id"), stderr());
        assertTrue(stdout().contains("not-mine.edi: rejected as a whole"), stdout());
        assertTrue(stdout().contains("not-mine.edi: 1 interchange(s), 0 message(s): 0 accepted, 0 rejected"), stdout());
    }

    @Test
    void usage_errors_exit_2() {
        assertEquals(2, GatewayCli.run(new String[]{"frobnicate"}, new PrintStream(out), new PrintStream(err)));
        assertEquals(2, GatewayCli.run(new String[]{"translate", "x.edi"}, new PrintStream(out), new PrintStream(err)));
        assertEquals(2, GatewayCli.run(new String[]{}, new PrintStream(out), new PrintStream(err)));
    }

    @Test
    void unreadable_and_garbage_files_are_rejected_without_a_stack_trace() throws Exception {
        Path garbage = Files.write(tmp.resolve("garbage.bin"), new byte[]{0, 1, 2, (byte) 0xFF, 'U', 'N', 'B'});
        assertEquals(1, cli("validate", garbage.toString()), "garbage is a rejected document");
        // a missing file among them is a usage error (exit 2, issue 19), still without a stack trace
        assertEquals(2, cli("validate", garbage.toString(), tmp.resolve("missing.edi").toString()));
        assertFalse(stderr().contains("Exception"), stderr());
        assertFalse(stderr().contains("\tat "), stderr());
        assertTrue(stderr().contains("missing.edi: no such readable file"), stderr());
    }
}
