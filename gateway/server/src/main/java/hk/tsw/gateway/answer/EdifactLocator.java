package hk.tsw.gateway.answer;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.Segment;

/**
 * Tells, where it can, which received EDIFACT segment a canonical path came from, so an APERAK can point a partner
 * at the segment to fix. What a path's steps point at is data, the {@code locate.*} keys of the message's
 * {@code mapping.properties} (e.g. CUSDEC {@code locate.GoodsItem=CST after UNS}; CUSCAR
 * {@code locate.Consignment=CNI}, {@code locate.Consignment/GoodsItem=GID}; SANCRT {@code locate.GoodsItem=LIN}):
 * the step {@code X[n]} is the n-th segment TAG (counted after the first segment AFTER when given), searched within
 * the segment its parent step pointed at, up to that parent tag's next occurrence. Paths no key traces fall back to
 * what every UN/EDIFACT message has: the header (BGM) and the control totals (CNT 5 / CNT 11). Segment numbers count
 * UNB as 1, as CONTRL and the gateway's error lines do. Anything else gets no segment (the path is still given).
 */
final class EdifactLocator {

    private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");
    private static final Pattern SPEC = Pattern.compile("([A-Z0-9]{3})(?:\\s+after\\s+([A-Z0-9]{3}))?");

    private EdifactLocator() {
    }

    /** "segment 23 (CST)", or null when the path cannot be traced to a segment of this message. */
    static String segmentFor(String xpath, EdifactMessage message, Map<String, String> locate) {
        if (xpath == null || message == null) {
            return null;
        }
        List<Segment> segs = message.segments();
        Segment found = null;
        int from = 0;
        int to = segs.size();
        String key = "";
        for (String step : xpath.split("/")) {
            Matcher m = STEP.matcher(step);
            if (step.isEmpty() || step.equals("TradeDocument") || !m.lookingAt()) {
                continue;
            }
            key = key.isEmpty() ? m.group(1) : key + "/" + m.group(1);
            String spec = locate.get(key);
            Matcher s = spec == null ? null : SPEC.matcher(spec);
            if (s == null || !s.matches()) {
                continue;
            }
            int start = from;
            if (s.group(2) != null) {
                int after = nth(segs, s.group(2), 1, from, to);
                if (after < 0) {
                    return null;
                }
                start = after + 1;
            }
            int at = nth(segs, s.group(1), m.group(2) == null ? 1 : Integer.parseInt(m.group(2)), start, to);
            if (at < 0) {
                return null;
            }
            found = segs.get(at);
            int next = nth(segs, s.group(1), 1, at + 1, to);
            from = at + 1;
            to = next < 0 ? to : next;
        }
        if (found == null) {
            if (xpath.startsWith("/TradeDocument/Header/")) {
                found = message.first("BGM");
            } else if (xpath.equals("/TradeDocument/Totals/GoodsItemQuantity")) {
                found = cnt(segs, "5");
            } else if (xpath.equals("/TradeDocument/Totals/TotalPackageQuantity")) {
                found = cnt(segs, "11");
            }
        }
        return found == null ? null : "segment " + found.number() + " (" + found.tag() + ")";
    }

    /** Index in {@code segs} of the n-th segment with this tag within [from, to), or -1. */
    private static int nth(List<Segment> segs, String tag, int n, int from, int to) {
        int seen = 0;
        for (int i = from; i < to; i++) {
            if (segs.get(i).tag().equals(tag) && ++seen == n) {
                return i;
            }
        }
        return -1;
    }

    private static Segment cnt(List<Segment> segs, String qualifier) {
        return segs.stream().filter(s -> s.tag().equals("CNT") && qualifier.equals(s.value(1, 1))).findFirst().orElse(null);
    }
}
