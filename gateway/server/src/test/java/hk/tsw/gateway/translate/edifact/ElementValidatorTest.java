package hk.tsw.gateway.translate.edifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import hk.tsw.gateway.translate.edifact.SegmentDirectory.Component;
import hk.tsw.gateway.translate.edifact.SegmentDirectory.DataElement;
import hk.tsw.gateway.translate.edifact.SegmentDirectory.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.translate.LocatedError;

/** Data elements checked against the real D96A segment directory, on messages read by the envelope scanner. */
class ElementValidatorTest {

    private static SegmentDirectory d96a;

    @BeforeAll
    static void load() throws IOException {
        d96a = SegmentDirectory.load("D96A");
    }

    /** The message M1 made of {@code body} (segments after UNH, without UNT), in interchange REF1; UNH is segment 2. */
    private static EdifactMessage message(String syntax, String body) throws IOException {
        int segments = body.split("'").length + 2;
        EnvelopeScannerTest.Recorder r = EnvelopeScannerTest.scan("UNB+" + syntax
                + "+SENDER:ZZZ+TSWHK:ZZZ+260101:1200+REF1'UNH+M1+CUSDEC:D:96A:UN'" + body + "'UNT+" + segments
                + "+M1'UNZ+1+REF1'");
        EdifactMessage m = r.messages.get(0);
        assertTrue(m.accepted(), () -> m.errors().toString());
        return m;
    }

    private static List<String> check(String body) throws IOException {
        return check("UNOC:3", body);
    }

    private static List<String> check(String syntax, String body) throws IOException {
        return ElementValidator.check(message(syntax, body), d96a).stream().map(LocatedError::format).toList();
    }

    @Test
    void reads_segments_composites_and_representations_from_the_directory() {
        List<DataElement> nad = d96a.segment("NAD");
        assertEquals(9, nad.size());
        assertEquals(new DataElement("3035", true, false, List.of(new Component("3035", true, Kind.AN, 0, 3))),
                nad.get(0));
        DataElement c080 = nad.get(3);
        assertEquals("C080", c080.id());
        assertTrue(c080.composite());
        assertEquals(6, c080.components().size(), "3036 five times, then 3045");
        assertEquals(new Component("3036", true, Kind.AN, 0, 35), c080.components().get(0));
        assertEquals(new Component("3036", false, Kind.AN, 0, 35), c080.components().get(4));
        assertEquals("n..18", d96a.segment("MEA").get(2).components().get(1).representation());
        assertEquals(new Component("7124", false, Kind.N, 4, 4), d96a.segment("DGS").get(2).components().get(0));
        assertEquals(4, d96a.segment("GID").size(), "1496 and C213 three times");
        assertNull(d96a.segment("UNS"), "service segments are not in the directory");
        assertNotNull(d96a.segment("BGM"));
    }

    @Test
    void accepts_valid_party_measurement_and_free_text() throws IOException {
        assertEquals(List.of(), check("BGM+929+D1+9'NAD+CN+12345678::ZZZ++SHENZHEN BRIGHT STAR:ELECTRONICS CO., LTD"
                + "+1 HARBOUR ROAD+HONG KONG++HK000+HK'MEA+AAE+G+KGM:-1250,5'MEA+AAE+G+KGM:3.25'"
                + "FTX+AAA+++ELECTRONIC COMPONENTS:PACKED IN CARTONS+EN'DGS+IMD++1203"));
    }

    @Test
    void too_many_data_elements_components_or_repeats_are_16() throws IOException {
        assertEquals(List.of("message M1: segment 3 (BGM) element 5: too many data elements: BGM has 5, at most 4"
                + " [0085=16]"), check("BGM+929+D1+9+AB+X"));
        assertEquals(List.of("message M1: segment 3 (NAD) element 1.2: data element 3035 is a simple data element"
                        + " but has 2 components (value 'XX') [0085=16]",
                "message M1: segment 3 (NAD) element 2.4: too many components: composite C082 has 4, at most 3"
                        + " (value '9') [0085=16]"), check("NAD+CN:XX+123:160:86:9"));
        assertEquals(List.of("message M1: segment 3 (NAD) element 1: data element 3035 is repeated 2 times; it may"
                + " not repeat [0085=16]"), check("UNOC:4", "NAD+CN*CZ"));
    }

    @Test
    void missing_mandatory_elements_and_components_are_13() throws IOException {
        assertEquals(List.of("message M1: segment 3 (NAD) element 1.1: mandatory data element 3035 is missing"
                + " [0085=13]"), check("NAD++++ACME LTD"));
        assertEquals(List.of("message M1: segment 3 (FTX) element 4.1: mandatory component 4440 of composite C108"
                + " is missing [0085=13]"), check("FTX+AAA+++:SECOND LINE"));
        assertEquals(List.of("message M1: segment 3 (MEA) element 1.1: mandatory data element 6311 is missing"
                + " [0085=13]"), check("MEA"));
    }

    @Test
    void a_value_longer_than_its_representation_is_39() throws IOException {
        assertEquals(List.of("message M1: segment 3 (NAD) element 4.1: data element 3036 is 41 characters long; at"
                + " most 35 are allowed (value 'SHENZHEN BRIGHT STAR ELECTRONICS CO., LTD') [0085=39]"),
                check("NAD+CN+++SHENZHEN BRIGHT STAR ELECTRONICS CO., LTD"));
        assertEquals(List.of("message M1: segment 3 (MEA) element 3.2: data element 6314 is 19 digits long; at most"
                + " 18 are allowed (value '-1234567890123456789') [0085=39]"),
                check("MEA+AAE+G+KGM:-1234567890123456789"));
    }

    @Test
    void a_value_shorter_than_its_representation_is_40() throws IOException {
        assertEquals(List.of("message M1: segment 3 (DGS) element 3.1: data element 7124 is 3 digits long; at least 4"
                + " are required (value '123') [0085=40]"), check("DGS+IMD++123"));
    }

    @Test
    void a_numeric_value_with_other_characters_is_37() throws IOException {
        assertEquals(List.of("message M1: segment 3 (MEA) element 3.2: data element 6314 is numeric (n..18): invalid"
                + " type of character(s) (value '12A5') [0085=37]",
                "message M1: segment 4 (MEA) element 3.2: data element 6314 is numeric (n..18): invalid"
                + " type of character(s) (value '1.250.5') [0085=37]"),
                check("MEA+AAE+G+KGM:12A5'MEA+AAE+G+KGM:1.250.5"));
    }

    @Test
    void reports_every_problem_of_the_message_up_to_the_limit() throws IOException {
        StringBuilder body = new StringBuilder("BGM+929+D1+9");
        for (int i = 0; i < 60; i++) {
            body.append("'MEA+AAE+G+KGM:X'NAD");
        }
        List<String> errors = check(body.toString());
        assertEquals(ElementValidator.MAX_ERRORS, errors.size());
        assertTrue(errors.get(1).startsWith("message M1: segment 5 (NAD) element 1.1: mandatory data element 3035"),
                errors.get(1));
    }

    @Test
    void numeric_length_is_the_former_rule_on_random_values() {
        // The former rule: a regex-free check, then the digits counted with a stream; numericDigits does both at once.
        java.util.Random random = new java.util.Random(16);
        String alphabet = "0123456789-.,+ eA";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder v = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                v.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = v.toString();
            int expected = formerNumeric(value) ? (int) value.chars().filter(ch -> ch >= '0' && ch <= '9').count() : -1;
            assertEquals(expected, ElementValidator.numericDigits(value), value);
        }
    }

    private static boolean formerNumeric(String v) {
        int digits = 0;
        boolean mark = false;
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch >= '0' && ch <= '9') {
                digits++;
            } else if (ch == '-' && k == 0) {
                continue;
            } else if ((ch == '.' || ch == ',') && !mark) {
                mark = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }
}
