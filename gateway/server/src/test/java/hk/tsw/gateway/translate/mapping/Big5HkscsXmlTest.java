package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import hk.tsw.gateway.translate.LocatedError;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.TestEngine;

/** Issue 18 item 12: XML declares its own encoding; {@code encoding="Big5-HKSCS"} is read by it, strictly. */
class Big5HkscsXmlTest {

    static final Charset BIG5_HKSCS = Charset.forName("Big5-HKSCS");

    private static String declaration() throws Exception {
        String xml = Files.readString(TestEngine.MAPPINGS.resolve("wco-dec-dms-2/samples/TT_EX037a.xml"));
        return xml.replaceFirst("encoding=\"UTF-8\"", "encoding=\"Big5-HKSCS\"")
                .replace("<Name>Packings Import Incorporated</Name>", "<Name>許氏嘅啲 Packings Import Incorporated</Name>");
    }

    @Test
    void a_big5_hkscs_declaration_is_read_in_its_declared_encoding() throws Exception {
        byte[] bytes = declaration().getBytes(BIG5_HKSCS);
        TranslationResult r = TestEngine.get().translate("big5.xml", bytes);
        assertTrue(r.allAccepted(), () -> r.errors().stream().map(LocatedError::format).toList().toString());
        String xml = new String(r.documents().get(0).xml(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Name>許氏嘅啲 Packings Import Incorporated</Name>"), xml);
    }

    @Test
    void bytes_that_are_not_big5_hkscs_are_refused_with_a_line() throws Exception {
        String xml = declaration();
        int at = xml.indexOf("許氏");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(xml.substring(0, at).getBytes(BIG5_HKSCS));
        b.write(0x80);
        b.write(0x41);
        b.writeBytes(xml.substring(at).getBytes(BIG5_HKSCS));
        TranslationResult r = TestEngine.get().translate("big5-bad.xml", b.toByteArray());
        assertFalse(r.allAccepted());
        assertTrue(r.documents().isEmpty());
        LocatedError e = r.errors().get(0);
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(e.reason().contains("bytes that are not valid Big5-HKSCS"), e.format());
        assertTrue(e.line() > 1, e.format());
    }
}
