package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.RunningGateway;

/**
 * Issue 18 item 12 through the running gateway over real SFTP: DEMOFWD's partner file declares its UNOA/UNOB/UNOC
 * EDIFACT Big5-HKSCS by agreement. A declaration with 許 (B3 5C) in a party name and HKSCS-only 嘅啲 reaches the
 * agency as UTF-8 XML and is answered with a CONTRL in Big5-HKSCS under UNOC; bytes that are not Big5-HKSCS are
 * refused with a located 0085=21 and reach no agency.
 */
class Big5HkscsPipelineTest {

    static final Charset BIG5_HKSCS = Charset.forName("Big5-HKSCS");

    @TempDir
    static Path dir;
    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = new RunningGateway(dir, Map.of(), Map.of(), Map.of(), config -> {
            Path fwd = config.resolve("partners/DEMOFWD.xml");
            Files.writeString(fwd, Files.readString(fwd).replace("</allowUnicodeUnderSyntax3>",
                    "</allowUnicodeUnderSyntax3>\n    <agreedEncoding>Big5-HKSCS</agreedEncoding>"));
        });
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    /** The golden Big5-HKSCS sample as DEMOFWD's, under interchange reference {@code ref}. */
    private static String sample(String ref) throws Exception {
        String edi = new String(Files.readAllBytes(TestEngine.REPO.resolve(
                "mappings/cusdec-d96a/samples/hk-export-big5-hkscs.edi")), BIG5_HKSCS);
        return edi.replace("HKTRADING88:ZZZ", "DEMOFWD:ZZZ").replace("HKT20250314B", ref)
                .replace("HKEXP2025031400234", "DOC-" + ref);
    }

    private static Optional<Path> delivered(String agency, String ref) throws Exception {
        return gw.agencyFiles(agency, "DOC-" + ref + "-").stream().findFirst();
    }

    private static boolean deliveredAnywhere(String ref) throws Exception {
        Path root = gw.data.resolve("agencies");
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (var s = Files.list(root)) {
            for (Path a : s.toList()) {
                if (delivered(a.getFileName().toString(), ref).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void a_big5_hkscs_declaration_is_forwarded_as_utf8_and_answered_in_big5_hkscs() throws Exception {
        byte[] edi = sample("BIG5OK1").getBytes(BIG5_HKSCS);
        gw.upload("demofwd", "big5.edi", edi);
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered("CSD", "BIG5OK1").isPresent());
        String xml = Files.readString(delivered("CSD", "BIG5OK1").orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("許氏貿易有限公司") && xml.contains("嘅啲純棉針織T恤"), xml);
        Path contrl = gw.outbox("DEMOFWD", "BIG5OK1", ".contrl.edi");
        byte[] bytes = Files.readAllBytes(contrl);
        String answer = BIG5_HKSCS.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        assertTrue(answer.startsWith("UNB+UNOC:3+") || answer.contains("UNB+UNOC:3+"), answer);
        assertTrue(answer.contains("UCI+BIG5OK1+DEMOFWD:ZZZ"), answer);
    }

    @Test
    void bytes_that_are_not_big5_hkscs_are_refused_with_their_place() throws Exception {
        String edi = sample("BIG5BAD1");
        int at = edi.indexOf("許氏");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(edi.substring(0, at).getBytes(BIG5_HKSCS));
        b.write(0x80); // never a Big5-HKSCS byte
        b.write(0x41);
        b.writeBytes(edi.substring(at).getBytes(BIG5_HKSCS));
        gw.upload("demofwd", "big5-bad.edi", b.toByteArray());
        Path contrl = gw.outbox("DEMOFWD", "BIG5BAD1", ".contrl.edi");
        String answer = new String(Files.readAllBytes(contrl), BIG5_HKSCS);
        // UCS+11 (the exporter's NAD, UNH = 1) +21 (invalid character), UCD on its element 4 (C080 party name)
        assertTrue(answer.contains("UCS+11+21'") || answer.contains("UCS+11'UCD+21+4:1'"), answer);
        assertFalse(deliveredAnywhere("BIG5BAD1"));
    }
}
