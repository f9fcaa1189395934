package hk.tsw.gateway.translate.edifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import hk.tsw.gateway.translate.LocatedError;

class EnvelopeScannerTest {

    private static final String MSG1 = "UNH+M1+CUSDEC:D:96A:UN'BGM+929+DOC1+9'UNT+3+M1'";
    private static final String MSG2 = "UNH+M2+CUSDEC:D:96A:UN'BGM+830+DOC2+9'UNT+3+M2'";

    /** Collects what the scanner reports. */
    static final class Recorder implements EnvelopeScanner.Listener {
        final List<EdifactMessage> messages = new ArrayList<>();
        final List<InterchangeSummary> interchanges = new ArrayList<>();

        @Override
        public void message(EdifactMessage message) {
            messages.add(message);
        }

        @Override
        public void interchangeEnded(InterchangeSummary summary) {
            interchanges.add(summary);
        }

        List<LocatedError> interchangeErrors() {
            return interchanges.stream().flatMap(i -> i.errors().stream()).toList();
        }
    }

    static Recorder scan(String edi) throws IOException {
        return scan(edi.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Recorder scan(byte[] edi) throws IOException {
        Recorder r = new Recorder();
        new EnvelopeScanner(false).scan(new ByteArrayInputStream(edi), r);
        return r;
    }

    private static String unb(String syntax) {
        return "UNB+" + syntax + "+SENDER:ZZZ+TSWHK:ZZZ+260101:1200+REF1'";
    }

    @Test
    void accepts_a_sound_interchange_and_counts_segments_from_unb() throws IOException {
        Recorder r = scan(unb("UNOC:3") + MSG1 + MSG2 + "UNZ+2+REF1'");
        assertEquals(2, r.messages.size());
        assertTrue(r.messages.get(0).accepted());
        assertEquals(2, r.messages.get(0).segments().get(0).number(), "UNH follows UNB = 1");
        assertEquals("D96A", r.messages.get(1).directory());
        assertTrue(r.interchanges.get(0).accepted());
        assertEquals("SENDER:ZZZ", r.interchanges.get(0).header().sender());
    }

    @Test
    void rejects_message_whose_unt_count_is_wrong_and_keeps_the_other() throws IOException {
        Recorder r = scan(unb("UNOC:3") + MSG1 + "UNH+M2+CUSDEC:D:96A:UN'BGM+830+DOC2+9'UNT+7+M2'UNZ+2+REF1'");
        assertTrue(r.messages.get(0).accepted(), "the good message is not hidden by the bad one");
        LocatedError e = r.messages.get(1).errors().get(0);
        assertEquals("message M2: segment 7 (UNT) element 1.1: UNT counts 7 segments but the message has 3"
                + " (UNH to UNT inclusive) [0085=29]", e.format());
        assertTrue(r.interchanges.get(0).accepted());
    }

    @Test
    void rejects_message_whose_unt_reference_differs_from_unh() throws IOException {
        Recorder r = scan(unb("UNOC:3") + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+DOC1+9'UNT+3+M9'UNZ+1+REF1'");
        LocatedError e = r.messages.get(0).errors().get(0);
        assertEquals("28", e.syntaxCode());
        assertEquals(4, e.segmentNumber());
        assertEquals("message M1: segment 4 (UNT) element 2.1: UNT message reference 'M9' does not match"
                + " UNH reference 'M1' [0085=28]", e.format());
    }

    @Test
    void rejects_interchange_whose_unz_count_is_wrong() throws IOException {
        Recorder r = scan(unb("UNOC:3") + MSG1 + "UNZ+3+REF1'");
        LocatedError e = r.interchangeErrors().get(0);
        assertEquals("interchange REF1: segment 5 (UNZ) element 1.1: UNZ counts 3 but the interchange has 1 messages"
                + " [0085=29]", e.format());
    }

    @Test
    void rejects_interchange_whose_unz_reference_differs_from_unb() throws IOException {
        Recorder r = scan(unb("UNOC:3") + MSG1 + "UNZ+1+OTHER'");
        LocatedError e = r.interchangeErrors().get(0);
        assertEquals("28", e.syntaxCode());
        assertEquals("UNZ", e.segmentTag());
        assertEquals(2, e.element());
    }

    @Test
    void rejects_truncated_interchange() throws IOException {
        Recorder r = scan(unb("UNOC:3") + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+DO");
        LocatedError last = r.interchangeErrors().get(r.interchangeErrors().size() - 1);
        assertEquals("13", last.syntaxCode());
        assertEquals(3, last.segmentNumber());
        assertTrue(last.reason().contains("truncated"), last.reason());
        assertEquals("13", r.messages.get(0).errors().get(0).syntaxCode(), "the cut message is missing its UNT");
    }

    @Test
    void reports_a_segment_over_the_size_limit_where_it_stands_and_reads_on() throws IOException {
        String huge = "FTX+AAA+++" + "A".repeat(SegmentTokenizer.MAX_SEGMENT_BYTES) + "'";
        Recorder r = scan(unb("UNOC:3") + "UNH+M1+CUSDEC:D:96A:UN'" + huge + "UNT+3+M1'" + MSG2 + "UNZ+2+REF1'");
        assertEquals(List.of("interchange REF1: segment 3 (FTX): " + SegmentTokenizer.OVERSIZED_REASON + " [0085=18]"),
                r.interchangeErrors().stream().map(LocatedError::format).toList());
        assertEquals(2, r.messages.size(), "the scanner resumes after the long segment's terminator");
        assertTrue(r.messages.get(1).accepted());
    }

    @Test
    void reports_an_oversized_unb_instead_of_throwing() throws IOException {
        Recorder r = scan("UNB+UNOC:3+" + "S".repeat(SegmentTokenizer.MAX_SEGMENT_BYTES) + "+TSWHK+260101:1200+R'");
        assertEquals(SegmentTokenizer.OVERSIZED_REASON, r.interchangeErrors().get(0).reason());
        assertEquals("UNB", r.interchangeErrors().get(0).segmentTag());
    }

    @Test
    void rejects_interchange_without_unz() throws IOException {
        Recorder r = scan(unb("UNOC:3") + MSG1);
        LocatedError e = r.interchangeErrors().get(0);
        assertEquals("interchange REF1: segment 4: the interchange is truncated: no UNZ after segment 4 [0085=13]",
                e.format());
    }

    @Test
    void rejects_unsupported_syntax_identifier() throws IOException {
        Recorder r = scan(unb("IATB:3") + MSG1 + "UNZ+1+REF1'");
        assertEquals("interchange REF1: segment 1 (UNB) element 1.1: syntax identifier 'IATB' is not supported"
                + " (use UNOA-UNOF, UNOK, UNOW or UNOY) [0085=2]", r.interchangeErrors().get(0).format());
        assertTrue(r.messages.isEmpty());
    }

    @Test
    void rejects_unsupported_syntax_version() throws IOException {
        Recorder r = scan(unb("UNOA:2") + MSG1 + "UNZ+1+REF1'");
        LocatedError e = r.interchangeErrors().get(0);
        assertEquals("2", e.syntaxCode());
        assertEquals(2, e.component());
    }

    @Test
    void rejects_utf8_under_syntax_3_unless_agreed() throws IOException {
        Recorder strict = scan(unb("UNOW:3") + MSG1 + "UNZ+1+REF1'");
        assertEquals("2", strict.interchangeErrors().get(0).syntaxCode());
        Recorder agreed = new Recorder();
        new EnvelopeScanner(true).scan(new ByteArrayInputStream((unb("UNOW:3") + MSG1 + "UNZ+1+REF1'")
                .getBytes(StandardCharsets.UTF_8)), agreed);
        assertTrue(agreed.interchanges.get(0).accepted());
    }

    @Test
    void reports_character_outside_unoa_with_its_place() throws IOException {
        Recorder r = scan(unb("UNOA:3") + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+Doc1+9'UNT+3+M1'UNZ+1+REF1'");
        assertEquals("message M1: segment 3 (BGM) element 2.1: character U+006F at position 2 is outside the UNOA"
                + " repertoire (value 'Doc1') [0085=21]", r.messages.get(0).errors().get(0).format());
    }

    @Test
    void reports_invalid_utf8_bytes_in_unow() throws IOException {
        byte[] head = (unb("UNOW:4") + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+").getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xE9, (byte) 0x28};
        byte[] tail = "+9'UNT+3+M1'UNZ+1+REF1'".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        LocatedError e = scan(all).messages.get(0).errors().get(0);
        assertEquals("21", e.syntaxCode());
        assertEquals("BGM", e.segmentTag());
        assertTrue(e.reason().contains("not valid UTF-8"), e.reason());
    }

    @Test
    void keeps_chinese_text_in_unow_exactly() throws IOException {
        String name = "香港貿易有限公司";
        Recorder r = scan((unb("UNOW:4") + "UNH+M1+CUSDEC:D:96A:UN'NAD+CN+++" + name + "'UNT+3+M1'UNZ+1+REF1'")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(r.messages.get(0).accepted(), () -> r.messages.get(0).errors().toString());
        assertEquals(name, r.messages.get(0).segments().get(1).value(4, 1));
    }

    @Test
    void reads_una_separators_release_character_bom_and_line_breaks() throws IOException {
        String edi = "\uFEFFUNA|*.# ~\r\nUNB*UNOC|3*S1*R1*260101|1200*REF2~\r\n"
                + "UNH*7*CUSDEC|D|96A|UN~\nFTX*AAA***50#*50 #| A'B?~\nUNT*3*7~\nUNZ*1*REF2~\n";
        Recorder r = scan(edi.getBytes(StandardCharsets.UTF_8));
        assertTrue(r.interchanges.get(0).accepted(), () -> r.interchangeErrors().toString());
        EdifactMessage m = r.messages.get(0);
        assertTrue(m.accepted(), () -> m.errors().toString());
        assertEquals("50*50 | A'B?", m.segments().get(1).value(4, 1));
        String normal = new String(SingleMessageInterchange.of(m), StandardCharsets.UTF_8);
        assertTrue(normal.contains("FTX+AAA+++50*50 | A?'B??'"), normal);
    }

    @Test
    void rejects_una_whose_separators_clash() throws IOException {
        Recorder r = scan("UNA::.? 'UNB+UNOC:3+S+R+260101:1200+R'UNZ+0+R'");
        LocatedError e = r.interchangeErrors().get(0);
        assertEquals("22", e.syntaxCode());
        assertEquals("UNA", e.segmentTag());
    }

    @Test
    void rejects_una_with_a_letter_as_separator() throws IOException {
        assertEquals("20", scan("UNA:X.? 'UNB").interchangeErrors().get(0).syntaxCode());
    }

    @Test
    void rejects_data_element_too_long() throws IOException {
        Recorder r = scan(unb("UNOC:3") + "UNH+M123456789012345+CUSDEC:D:96A:UN'UNT+2+M123456789012345'UNZ+1+REF1'");
        LocatedError e = r.messages.get(0).errors().get(0);
        assertEquals("39", e.syntaxCode());
        assertEquals("UNH", e.segmentTag());
    }

    @Test
    void checks_functional_group_count_and_reference() throws IOException {
        Recorder r = scan(unb("UNOC:3") + "UNG+CUSDEC+S+R+260101:1200+G1+UN+D:96A'" + MSG1
                + "UNE+2+G9'UNZ+1+REF1'");
        List<String> codes = r.interchangeErrors().stream().map(LocatedError::syntaxCode).toList();
        assertEquals(List.of("29", "28"), codes);
        assertEquals("G1", r.messages.get(0).groupReference());
    }

    @Test
    void rejects_data_that_does_not_start_with_unb() throws IOException {
        Recorder r = scan(MSG1);
        LocatedError e = r.interchangeErrors().get(0);
        assertEquals("13", e.syntaxCode());
        assertNull(e.interchangeRef());
    }

    @Test
    void reads_several_interchanges_in_one_file() throws IOException {
        Recorder r = scan(unb("UNOC:3") + MSG1 + "UNZ+1+REF1'\n" + "UNB+UNOC:3+S+R+260101:1200+REF9'" + MSG2
                + "UNZ+1+REF9'");
        assertEquals(2, r.interchanges.size());
        assertEquals("REF9", r.messages.get(1).interchange().controlReference());
    }

    @Test
    void decodes_unoc_as_latin1() throws IOException {
        byte[] edi = (unb("UNOC:3") + "UNH+M1+CUSDEC:D:96A:UN'NAD+CN+++Société Générale'UNT+3+M1'UNZ+1+REF1'")
                .getBytes(Charset.forName("ISO-8859-1"));
        assertEquals("Société Générale", scan(edi).messages.get(0).segments().get(1).value(4, 1));
    }

    @Test
    void reads_a_utf8_interchange_reference_in_unb_as_utf8_so_unz_matches() throws IOException {
        Recorder r = scan(("UNB+UNOW:4+SENDER+TSWHK+20260101:1200+參考1'" + MSG1 + "UNZ+1+參考1'")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(r.interchanges.get(0).accepted(), () -> r.interchangeErrors().toString());
        assertEquals("參考1", r.interchanges.get(0).reference());
    }
}
