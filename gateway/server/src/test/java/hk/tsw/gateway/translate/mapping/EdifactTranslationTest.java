package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import hk.tsw.gateway.translate.LocatedError;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.TestEngine;

/** The engine on whole EDIFACT interchanges: structure errors located, unsupported messages named, neighbours kept. */
class EdifactTranslationTest {

    private static final String UNB = "UNB+UNOC:3+SENDER:ZZZ+TSWHK:ZZZ+260101:1200+IC7'";

    private static TranslationResult translate(String edi) {
        return TestEngine.get().translate("test.edi", edi.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> errors(TranslationResult r) {
        return r.errors().stream().map(LocatedError::format).toList();
    }

    @Test
    void locates_a_segment_that_is_not_part_of_the_message() {
        TranslationResult r = translate(UNB + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+D1+9'XYZ+1'UNS+D'UNS+S'UNT+6+M1'UNZ+1+IC7'");
        assertEquals(List.of("message M1: segment 4 (XYZ): segment XYZ is not part of CUSDEC D96A [0085=15]"), errors(r));
    }

    @Test
    void locates_a_segment_out_of_place() {
        TranslationResult r = translate(UNB + "UNH+M1+CUSDEC:D:96A:UN'UNS+D'BGM+929+D1+9'UNS+S'UNT+5+M1'UNZ+1+IC7'");
        assertEquals(List.of("message M1: segment 3 (UNS): mandatory segment BGM is missing before this segment"
                + " [0085=13]"), errors(r));
    }

    @Test
    void locates_too_many_repetitions() {
        StringBuilder tdt = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            tdt.append("TDT+20+V").append(i).append("'");
        }
        TranslationResult r = translate(UNB + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+D1+9'" + tdt
                + "UNS+D'UNS+S'UNT+11+M1'UNZ+1+IC7'");
        assertEquals(List.of("message M1: segment 9 (TDT): segment group SegGrp-4 (starting with TDT) repeats more than"
                + " 5 times [0085=36]"), errors(r));
    }

    @Test
    void names_a_message_type_or_version_without_a_mapping() {
        TranslationResult r = translate(UNB + "UNH+M1+INVOIC:D:96A:UN'BGM+380+I1+9'UNT+3+M1'UNZ+1+IC7'");
        String e = errors(r).get(0);
        assertTrue(e.startsWith("message M1: segment 2 (UNH) element 2.1: the gateway has no mapping for INVOIC D96A"), e);
        assertTrue(e.endsWith("[0085=17]"), e);
    }

    @Test
    void a_structurally_bad_message_does_not_hide_the_good_one_next_to_it() {
        TranslationResult r = translate(UNB + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+D1+9'XYZ+1'UNS+D'UNS+S'UNT+6+M1'"
                + "UNH+M2+CUSDEC:D:96A:UN'BGM+830+D2+9'UNS+D'UNS+S'UNT+5+M2'UNZ+2+IC7'");
        assertFalse(r.messages().get(0).accepted());
        assertTrue(r.messages().get(1).accepted(), () -> errors(r).toString());
        assertEquals("EXPORT_DECLARATION", r.documents().get(0).documentType());
        assertEquals("IC7-M2.xml", r.documents().get(0).outputName());
    }

    @Test
    void keeps_chinese_names_exactly_through_the_whole_engine() {
        String name = "香港貿易有限公司";
        TranslationResult r = translate("UNB+UNOW:4+SENDER:ZZZ+TSWHK:ZZZ+20260101:1200+IC8'UNH+M1+CUSDEC:D:96A:UN'"
                + "BGM+929+D1+9'NAD+CN+++" + name + "'UNS+D'UNS+S'UNT+6+M1'UNZ+1+IC8'");
        assertTrue(r.allAccepted(), () -> errors(r).toString());
        String xml = new String(r.documents().get(0).xml(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Name>" + name + "</Name>"), xml);
    }

    @Test
    void rejects_a_party_name_longer_than_the_directory_allows() {
        TranslationResult r = translate(UNB + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+D1+9'"
                + "NAD+CN+++SHENZHEN BRIGHT STAR ELECTRONICS CO., LTD'UNS+D'UNS+S'UNT+6+M1'UNZ+1+IC7'");
        assertFalse(r.messages().get(0).accepted());
        assertEquals(List.of("message M1: segment 4 (NAD) element 4.1: data element 3036 is 41 characters long; at most"
                + " 35 are allowed (value 'SHENZHEN BRIGHT STAR ELECTRONICS CO., LTD') [0085=39]"), errors(r));
        assertTrue(r.documents().isEmpty());
    }

    @Test
    void a_segment_over_one_mebibyte_is_a_located_syntax_error_not_an_unprocessable_file() {
        TranslationResult r = translate(UNB + "UNH+M1+CUSDEC:D:96A:UN'BGM+929+D1+9'FTX+AAA+++" + "A".repeat(1 << 20)
                + "'UNS+D'UNS+S'UNT+6+M1'UNZ+1+IC7'");
        assertFalse(r.allAccepted());
        String first = errors(r).get(0);
        assertTrue(first.startsWith("interchange IC7: segment 4 (FTX): the segment is longer than 1048576 bytes"), first);
        assertTrue(first.endsWith("[0085=18]"), first);
    }
}
