package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.transform.stream.StreamSource;

import hk.tsw.gateway.security.SecureXml;
import hk.tsw.gateway.security.XmlLimits;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.xml.XmlFrontDoor;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import org.junit.jupiter.api.Test;

/**
 * Each thread reuses its validator of the canonical schema and writes and validates a document in one walk: an
 * invalid document between two valid ones is still refused, and the valid ones still give the exact bytes of the
 * plain serialiser (the golden files), whatever came before on the same thread.
 */
class StylesheetRunnerReuseTest {

    private static final String IDENTITY = """
            <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
              <xsl:output method="xml" indent="yes" encoding="UTF-8"/>
              <xsl:template match="/"><xsl:copy-of select="."/></xsl:template>
            </xsl:stylesheet>""";

    @Test
    void valid_invalid_valid_on_one_thread() throws Exception {
        Processor saxon = SecureXml.saxon();
        XsltExecutable identity = saxon.newXsltCompiler().compile(new StreamSource(new StringReader(IDENTITY)));
        Mapping mapping = new Mapping("identity", Path.of("."), Mapping.Format.EDIFACT, "CUSDEC", "D96A", null, null,
                MappingCode.of("identity", identity, null), List.of(), Map.of());
        StylesheetRunner runner = new StylesheetRunner(saxon, CanonicalSchema::load,
                new XmlFrontDoor(saxon, XmlLimits.defaults()));
        byte[] golden = Files.readAllBytes(TestEngine.MAPPINGS.resolve("cusdec-d96a/samples/hk-export-utf8.expected.xml"));
        String good = new String(golden, StandardCharsets.UTF_8);
        String bad = good.replaceFirst("<FunctionCode>", "<NotInTheSchema/><FunctionCode>");

        for (int round = 0; round < 3; round++) {
            StylesheetRunner.Output ok = runner.run(mapping, parse(saxon, good));
            assertTrue(ok.invalid().isEmpty(), ok.invalid().toString());
            assertArrayEquals(golden, ok.xml(), "round " + round);

            StylesheetRunner.Output refused = runner.run(mapping, parse(saxon, bad));
            assertNull(refused.xml(), "round " + round);
            assertEquals(1, refused.invalid().size(), refused.invalid().toString());
            assertTrue(refused.invalid().get(0).contains("NotInTheSchema"), refused.invalid().toString());
        }
    }

    private static XdmNode parse(Processor saxon, String xml) throws Exception {
        return saxon.newDocumentBuilder().build(new StreamSource(new StringReader(xml)));
    }
}
