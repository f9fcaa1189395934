package hk.tsw.gateway.translate.edifact;

/**
 * What a double-byte agreed encoding (Big5-HKSCS) forbids in a UNA: Big5 trail bytes run from 0x40 to 0x7E (and
 * 0xA1-0xFE), so a separator or release character in 0x40-0x7E could be half of a Chinese character and the
 * interchange could not be split unambiguously.
 */
final class AgreedEncodingCheck {

    private AgreedEncodingCheck() {
    }

    /** A reason ({@code %s} = the encoding's name) when a UNA separator falls in 0x40-0x7E, else null. */
    static String unaProblem(ServiceChars una) {
        int[] seps = {una.component(), una.element(), una.release(), una.repetition(), una.terminator()};
        String[] names = {"component separator", "data element separator", "release character",
                "repetition separator", "segment terminator"};
        for (int i = 0; i < seps.length; i++) {
            if (seps[i] >= 0x40 && seps[i] <= 0x7E) {
                return String.format("the UNA %s '%c' (0x%02X) lies in 0x40-0x7E, where %%s trail bytes fall: "
                        + "with this partner's agreed encoding it cannot be told apart from half a character; "
                        + "use the standard service characters :+.? '", names[i], (char) seps[i], seps[i]);
            }
        }
        return null;
    }
}
