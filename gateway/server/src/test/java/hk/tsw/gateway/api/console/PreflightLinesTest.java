package hk.tsw.gateway.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The preflight page's numbering: segments as the errors count them (UNB = 1), lines for XML. */
class PreflightLinesTest {

    @Test
    void edifact_segments_are_numbered_from_unb_and_errors_sit_next_to_theirs() {
        String file = "UNA:+.? 'UNB+UNOC:3+A+B+250312:0930+R1'\nUNH+7+CUSDEC:D:96A:UN'FTX+AAA+++A?'B'UNT+3+7'UNZ+1+R1'";
        PreflightLines.Located l = PreflightLines.locate(file, List.of(
                Map.of("segment", 4, "line", 0, "text", "UNT count"),
                Map.of("segment", 0, "line", 0, "messageRef", "7", "text", "rule"),
                Map.of("segment", 0, "line", 0, "text", "file")));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), l.units().stream().map(PreflightLines.Unit::number).toList());
        assertEquals("FTX+AAA+++A?'B'", l.units().get(3).text(), "a released terminator does not end the segment");
        assertEquals(List.of("UNT count"), l.units().get(4).errors());
        assertEquals(List.of("rule"), l.units().get(2).errors(), "an error located by its message: at its UNH");
        assertEquals(List.of("file"), l.unplaced());
    }

    @Test
    void xml_is_numbered_by_line() {
        PreflightLines.Located l = PreflightLines.locate("<a>\n  <b>x</b>\n</a>",
                List.of(Map.of("segment", 0, "line", 2, "text", "bad b")));
        assertEquals(3, l.units().size());
        assertEquals(List.of("bad b"), l.units().get(1).errors());
    }

    @Test
    void a_una_with_other_separators_is_honoured() {
        PreflightLines.Located l = PreflightLines.locate("UNA:+.! ~UNB+X~UNH+1+Y~FTX+A!~B~", List.of());
        assertEquals(List.of("UNA:+.! ~", "UNB+X~", "UNH+1+Y~", "FTX+A!~B~"),
                l.units().stream().map(PreflightLines.Unit::text).toList());
    }
}
