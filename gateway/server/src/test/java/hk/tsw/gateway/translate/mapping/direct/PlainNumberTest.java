package hk.tsw.gateway.translate.mapping.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The direct reader's number form is the one it replaced: BigDecimal's plain form, on the same accepted inputs. */
class PlainNumberTest {

    private static final Pattern PLAIN = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?");

    /** The former rule: the pattern, no negative zero, then BigDecimal without trailing zeros. */
    private static String expected(String v) {
        if (!PLAIN.matcher(v).matches() || (v.startsWith("-") && new BigDecimal(v).signum() == 0)) {
            return null;
        }
        return new BigDecimal(v).stripTrailingZeros().toPlainString();
    }

    @Test
    void same_as_big_decimal_on_edge_cases_and_random_strings() {
        List<String> inputs = new ArrayList<>(List.of("0", "00", "-0", "-00", "0.0", "-0.0", "0.50", "-0.50", "000.5",
                "100", "100.00", "14400.00", "0930", "-0005", "1.", ".5", "-", "", "1.2.3", "1,5", "+1", " 1", "1e5",
                "123456789012345678", "1234567890123456789", "1.123456789012345678", "1.1234567890123456789",
                "12.3400", "-12.3400", "10", "-10.10", "\u0663"));
        Random r = new Random(16);
        String alphabet = "0000123456789.-,a ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(24);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            inputs.add(b.toString());
        }
        for (String v : inputs) {
            assertEquals(expected(v), SegmentInfoset.plainNumber(v), "'" + v + "'");
        }
    }
}
