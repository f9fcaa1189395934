package hk.tsw.gateway.translate.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import hk.tsw.gateway.translate.canonical.model.PartyType;
import hk.tsw.gateway.translate.canonical.model.TradeDocumentType;
import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Test;

/** The generated JAXB model reads what the mappings produce, Chinese text included. */
class CanonicalCodecTest {

    private final CanonicalCodec codec = new CanonicalCodec();

    @Test
    void reads_a_utf8_declaration_with_its_chinese_party_name() throws IOException {
        Path sample = TestEngine.MAPPINGS.resolve("cusdec-d96b/samples/hk-import-utf8.edi");
        byte[] xml = TestEngine.get().translate("s.edi", Files.readAllBytes(sample)).documents().get(0).xml();
        TradeDocumentType doc = codec.read(xml);
        assertEquals("IMPORT_DECLARATION", doc.getHeader().getDocumentType());
        assertEquals("EDIFACT", doc.getHeader().getSource().getFormat().value());
        String text = new String(Files.readAllBytes(sample), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(doc.getParty().stream().map(PartyType::getName).anyMatch(n -> n != null && text.contains(n)
                && n.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)),
                "a Han-script party name arrives unchanged");
    }

    @Test
    void reads_every_expected_output_of_every_mapping_folder() throws IOException {
        try (var walk = Files.walk(TestEngine.MAPPINGS)) {
            var expected = walk.filter(p -> p.getFileName().toString().matches(".*\\.expected(-\\d+)?\\.xml")).toList();
            assertTrue(expected.size() >= 10, "expected outputs found: " + expected.size());
            for (Path p : expected) {
                TradeDocumentType doc = codec.read(Files.readAllBytes(p));
                assertTrue(doc.getHeader().getFunctionalReferenceID() != null, p.toString());
            }
        }
    }
}
