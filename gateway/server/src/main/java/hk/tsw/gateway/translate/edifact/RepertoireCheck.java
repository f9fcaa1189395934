package hk.tsw.gateway.translate.edifact;

import java.util.List;
import hk.tsw.gateway.translate.LocatedError;

/** Reports the first character of each segment that lies outside the interchange's declared repertoire (0085 = 21). */
final class RepertoireCheck {

    private RepertoireCheck() {
    }

    /**
     * Under a partner's agreed encoding (Big5-HKSCS for UNOA/UNOB/UNOC) the repertoire is that encoding's: every
     * character it decodes to is data; bytes that are not valid in it (U+FFFD after strict decoding) are refused.
     */
    static void check(Segment s, InterchangeHeader header, String interchangeRef, String messageRef,
                      boolean interchangeLevel, List<LocatedError> errors) {
        if (!header.agreed()) {
            check(s, header.charset(), interchangeRef, messageRef, interchangeLevel, errors);
            return;
        }
        String name = header.encoding().name();
        check(s, SyntaxCharset.UNOW, name, header.syntaxId() + " (" + name + " by partner agreement)",
                interchangeRef, messageRef, interchangeLevel, errors);
    }

    static void check(Segment s, SyntaxCharset charset, String interchangeRef, String messageRef,
                      boolean interchangeLevel, List<LocatedError> errors) {
        check(s, charset, charset.charset().name(), charset.name(), interchangeRef, messageRef, interchangeLevel, errors);
    }

    private static void check(Segment s, SyntaxCharset charset, String encodingName, String repertoireName,
                              String interchangeRef, String messageRef, boolean interchangeLevel,
                              List<LocatedError> errors) {
        for (int e = 0; e < s.elements().size(); e++) {
            for (List<String> repeat : s.elements().get(e)) {
                for (int c = 0; c < repeat.size(); c++) {
                    String v = repeat.get(c);
                    int at = charset.firstInvalid(v);
                    if (at >= 0) {
                        int cp = v.codePointAt(at);
                        String reason = (cp == 0xFFFD ? "bytes that are not valid " + encodingName
                                : String.format("character U+%04X", cp)) + " at position " + (at + 1)
                                + " is outside the " + repertoireName + " repertoire";
                        errors.add(interchangeLevel
                                ? LocatedError.interchange(interchangeRef, s.number(), s.tag(), e + 1, c + 1, v, reason, "21")
                                : LocatedError.message(interchangeRef, messageRef, s.number(), s.tag(), e + 1, c + 1, v, reason, "21"));
                        return; // one report per segment is enough to locate it
                    }
                }
            }
        }
    }
}
