package hk.tsw.gateway.translate.edifact;

import java.util.List;
import java.util.Map;
import hk.tsw.gateway.translate.LocatedError;

/** Maximum lengths of the service data elements the gateway relies on (ISO 9735 syntax 3 and 4); 0085 = 39. */
final class ServiceLimits {

    /** tag -> {element, component, max length syntax 3, max length syntax 4, data element id} */
    private static final Map<String, int[][]> LIMITS = Map.of(
            "UNB", new int[][]{{1, 1, 4, 4, 1}, {1, 2, 1, 1, 2}, {2, 1, 35, 35, 4}, {2, 2, 4, 4, 7}, {3, 1, 35, 35, 10},
                    {3, 2, 4, 4, 7}, {4, 1, 6, 8, 17}, {4, 2, 4, 4, 19}, {5, 1, 14, 14, 20}},
            "UNG", new int[][]{{1, 1, 6, 6, 38}, {5, 1, 14, 14, 48}},
            "UNE", new int[][]{{1, 1, 6, 6, 60}, {2, 1, 14, 14, 48}},
            "UNH", new int[][]{{1, 1, 14, 14, 62}, {2, 1, 6, 6, 65}, {2, 2, 3, 3, 52}, {2, 3, 3, 3, 54},
                    {2, 4, 2, 3, 51}, {2, 5, 6, 6, 57}},
            "UNT", new int[][]{{1, 1, 6, 10, 74}, {2, 1, 14, 14, 62}},
            "UNZ", new int[][]{{1, 1, 6, 6, 36}, {2, 1, 14, 14, 20}});

    private ServiceLimits() {
    }

    static void check(Segment s, String interchangeRef, String messageRef, boolean interchangeLevel,
                      String syntaxVersion, List<LocatedError> errors) {
        int[][] limits = LIMITS.get(s.tag());
        if (limits == null) {
            return;
        }
        for (int[] l : limits) {
            String v = s.value(l[0], l[1]);
            int max = "4".equals(syntaxVersion) ? l[3] : l[2];
            if (v.length() > max) {
                String reason = String.format("data element %04d is %d characters long; at most %d are allowed",
                        l[4], v.length(), max);
                errors.add(interchangeLevel
                        ? LocatedError.interchange(interchangeRef, s.number(), s.tag(), l[0], l[1], v, reason, "39")
                        : LocatedError.message(interchangeRef, messageRef, s.number(), s.tag(), l[0], l[1], v, reason, "39"));
            }
        }
    }
}
