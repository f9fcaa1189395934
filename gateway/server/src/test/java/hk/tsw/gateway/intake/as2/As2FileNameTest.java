package hk.tsw.gateway.intake.as2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The stored file name of an AS2 message: the partner's own from the payload part's Content-Disposition (found only
 * after unwrapping), else the outer HTTP header, else the Message-ID; sanitised whichever it is.
 */
class As2FileNameTest {

    private static As2Message message(String outerDisposition) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Message-ID", "<abc/../1@partner.test>");
        if (outerDisposition != null) {
            h.put("Content-Disposition", outerDisposition);
        }
        return new As2Message(h, new byte[0]);
    }

    private static MimeEntity payload(String disposition) {
        return MimeEntity.parse(("Content-Type: application/EDIFACT\r\n"
                + (disposition == null ? "" : "Content-Disposition: " + disposition + "\r\n") + "\r\nUNB+UNOC:3'")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void the_payload_parts_file_name_wins_over_the_outer_header() {
        assertEquals("CUSDEC-0042.edi", message("attachment; filename=\"smime.p7m\"")
                .fileName(payload("attachment; filename=\"CUSDEC-0042.edi\"")));
    }

    @Test
    void the_outer_header_is_used_when_the_payload_part_names_no_file() {
        assertEquals("order.edi", message("attachment; filename=order.edi").fileName(payload(null)));
        assertEquals("order.edi", message("attachment; filename=order.edi").fileName(null), "refused before unwrapping");
    }

    @Test
    void a_path_or_odd_characters_in_the_name_are_sanitised() {
        assertEquals("passwd", message(null).fileName(payload("attachment; filename=\"../../etc/passwd\"")));
        assertEquals("evil.edi", message(null).fileName(payload("attachment; filename=\"C:\\\\temp\\\\evil.edi\"")));
        assertEquals("a_b_c.edi", message(null).fileName(payload("attachment; filename=\"a b&c.edi\"")));
        assertEquals("hidden", message("attachment; filename=\"..hidden\"").fileName(null));
        assertEquals("x_script_.edi", message(null).fileName(payload("attachment; filename=\"x<script>.edi\"")));
    }

    @Test
    void without_any_file_name_the_message_id_gives_one_sanitised() {
        assertEquals("as2-_abc_.._1@partner.test_", message(null).fileName(payload(null)));
    }
}
