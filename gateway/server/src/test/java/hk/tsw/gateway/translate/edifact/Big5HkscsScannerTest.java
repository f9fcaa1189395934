package hk.tsw.gateway.translate.edifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import hk.tsw.gateway.translate.LocatedError;

/** Issue 18 item 12: a partner whose UNOA/UNOB/UNOC interchanges are Big5-HKSCS by agreement. */
class Big5HkscsScannerTest {

    static final Charset BIG5_HKSCS = Charset.forName("Big5-HKSCS");

    /** A party name with 許 (B3 5C: its trail byte is '\') and HKSCS-only characters 𨋢 嘅 啲. */
    static final String NAME = "許氏貿易 𨋢嘅啲";

    private static byte[] interchange(String syntax, String partyName) {
        String edi = "UNB+" + syntax + "+HKSENDER:ZZZ+TSWHK:ZZZ+260101:1200+REF1'"
                + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+DOC1+9'NAD+EX+++" + partyName + "'UNT+4+M1'UNZ+1+REF1'";
        return edi.getBytes(BIG5_HKSCS);
    }

    private static EnvelopeScannerTest.Recorder scan(byte[] edi, Charset agreed) throws IOException {
        EnvelopeScannerTest.Recorder r = new EnvelopeScannerTest.Recorder();
        new EnvelopeScanner(false, agreed).scan(new ByteArrayInputStream(edi), r);
        return r;
    }

    @Test
    void the_samples_really_need_hkscs_and_xu_has_an_ascii_trail_byte() {
        assertArrayEquals(new byte[] {(byte) 0xB3, 0x5C}, "許".getBytes(BIG5_HKSCS));
        for (String hkscsOnly : new String[] {"𨋢", "嘅", "啲"}) {
            assertTrue(BIG5_HKSCS.newEncoder().canEncode(hkscsOnly), hkscsOnly);
            assertFalse(Charset.forName("Big5").newEncoder().canEncode(hkscsOnly), hkscsOnly + " is not in plain Big5");
        }
    }

    @Test
    void decodes_before_it_splits_so_a_trail_byte_is_never_a_separator() throws IOException {
        for (String syntax : new String[] {"UNOA:3", "UNOB:3", "UNOC:3"}) {
            // 許 + 功 (A5 5C) + a Big5 character whose trail byte is '?'-free but 0x40-0x7E everywhere
            EnvelopeScannerTest.Recorder r = scan(interchange(syntax, NAME + "許功"), BIG5_HKSCS);
            assertEquals(1, r.messages.size(), syntax);
            EdifactMessage m = r.messages.get(0);
            assertTrue(m.accepted(), syntax + ": " + m.errors());
            assertTrue(r.interchangeErrors().isEmpty(), syntax + ": " + r.interchangeErrors());
            assertEquals(NAME + "許功", m.first("NAD").value(4, 1), syntax);
            assertEquals(BIG5_HKSCS, r.interchanges.get(0).header().encoding());
            assertEquals(syntax.substring(0, 4), r.interchanges.get(0).header().syntaxId(), "the same identifier");
        }
    }

    @Test
    void without_the_agreement_the_same_bytes_are_refused_not_guessed() throws IOException {
        EnvelopeScannerTest.Recorder r = scan(interchange("UNOA:3", NAME), null);
        boolean refused = !r.interchangeErrors().isEmpty() || r.messages.stream().anyMatch(m -> !m.accepted());
        assertTrue(refused, "Big5 bytes under plain UNOA must not pass");
    }

    @Test
    void invalid_big5_bytes_are_a_located_0085_21_never_a_question_mark() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("UNB+UNOC:3+HKSENDER:ZZZ+TSWHK:ZZZ+260101:1200+REF1'UNH+M1+CUSDEC:D:96A:UN'BGM+929+DOC1+9'"
                .getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("NAD+EX+++".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("許".getBytes(BIG5_HKSCS));
        b.write(0x80); // never a Big5 byte
        b.write(0x41);
        b.writeBytes("'UNT+4+M1'UNZ+1+REF1'".getBytes(StandardCharsets.US_ASCII));
        EnvelopeScannerTest.Recorder r = scan(b.toByteArray(), BIG5_HKSCS);
        assertEquals(1, r.messages.size());
        EdifactMessage m = r.messages.get(0);
        assertFalse(m.accepted());
        LocatedError e = m.errors().get(0);
        assertEquals("21", e.syntaxCode());
        assertEquals("NAD", e.segmentTag());
        assertEquals(4, e.segmentNumber(), "UNB = 1");
        assertEquals(4, e.element());
        assertEquals(1, e.component());
        assertTrue(e.reason().contains("not valid Big5-HKSCS") && e.reason().contains("position 2"), e.reason());
        assertFalse(e.value().contains("?"), "never replaced by '?': " + e.value());
    }

    @Test
    void a_una_with_a_separator_in_the_trail_byte_range_is_refused_clearly() throws IOException {
        byte[] edi = ("UNA:+.? \\UNB+UNOC:3+HKSENDER:ZZZ+TSWHK:ZZZ+260101:1200+REF1\\"
                + "UNH+M1+CUSDEC:D:96A:UN\\BGM+929+DOC1+9\\UNT+3+M1\\UNZ+1+REF1\\").getBytes(StandardCharsets.US_ASCII);
        EnvelopeScannerTest.Recorder r = scan(edi, BIG5_HKSCS);
        assertTrue(r.messages.isEmpty());
        LocatedError e = r.interchangeErrors().get(0);
        assertEquals("UNA", e.segmentTag());
        assertEquals("20", e.syntaxCode());
        assertTrue(e.reason().contains("segment terminator '\\' (0x5C) lies in 0x40-0x7E")
                && e.reason().contains("Big5-HKSCS"), e.reason());
        // the same UNA is fine for a partner without the agreement
        assertTrue(EnvelopeScannerTest.scan(edi).interchangeErrors().isEmpty());
    }

    @Test
    void unicode_syntax_ids_are_not_affected_by_the_agreement() throws IOException {
        String edi = "UNB+UNOY:4+HKSENDER:ZZZ+TSWHK:ZZZ+20260101:1200+REF1'UNH+M1+CUSDEC:D:96A:UN'BGM+929+DOC1+9'"
                + "NAD+EX+++" + NAME + "'UNT+4+M1'UNZ+1+REF1'";
        EnvelopeScannerTest.Recorder r = scan(edi.getBytes(StandardCharsets.UTF_8), BIG5_HKSCS);
        assertTrue(r.messages.get(0).accepted(), r.messages.get(0).errors().toString());
        assertEquals(NAME, r.messages.get(0).first("NAD").value(4, 1));
        assertEquals(StandardCharsets.UTF_8, r.interchanges.get(0).header().encoding());
    }
}
