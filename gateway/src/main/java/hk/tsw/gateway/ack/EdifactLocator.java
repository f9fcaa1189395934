package hk.tsw.gateway.ack;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.edifact.EdifactMessage;
import hk.tsw.gateway.edifact.Segment;

/**
 * Tells, where it can, which received EDIFACT segment a canonical path came from, so an APERAK can point a partner
 * at the segment to fix: the goods item group (CUSDEC CST after UNS, CUSCAR GID within its CNI), the consignment
 * (CNI), the header (BGM) and the control totals (CNT 5 / CNT 11). Segment numbers count UNB as 1, as CONTRL and
 * the gateway's error lines do. Anything else gets no segment (the canonical path is still given).
 */
final class EdifactLocator {

    private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

    private EdifactLocator() {
    }

    /** "segment 23 (CST)", or null when the path cannot be traced to a segment of this message. */
    static String segmentFor(String xpath, EdifactMessage message) {
        if (xpath == null || message == null) {
            return null;
        }
        List<Segment> segs = message.segments();
        Segment found = null;
        int consignment = index(xpath, "Consignment");
        int item = index(xpath, "GoodsItem");
        if ("CUSCAR".equals(message.type()) && consignment > 0) {
            int cni = nth(segs, "CNI", consignment, 0, segs.size());
            if (cni >= 0) {
                int end = nth(segs, "CNI", 1, cni + 1, segs.size());
                found = segs.get(cni);
                if (item > 0) {
                    int gid = nth(segs, "GID", item, cni + 1, end < 0 ? segs.size() : end);
                    found = gid < 0 ? null : segs.get(gid);
                }
            }
        } else if ("CUSDEC".equals(message.type()) && item > 0) {
            int uns = nth(segs, "UNS", 1, 0, segs.size());
            int cst = uns < 0 ? -1 : nth(segs, "CST", item, uns + 1, segs.size());
            found = cst < 0 ? null : segs.get(cst);
        } else if (xpath.startsWith("/TradeDocument/Header/")) {
            found = message.first("BGM");
        } else if (xpath.equals("/TradeDocument/Totals/GoodsItemQuantity")) {
            found = cnt(segs, "5");
        } else if (xpath.equals("/TradeDocument/Totals/TotalPackageQuantity")) {
            found = cnt(segs, "11");
        }
        return found == null ? null : "segment " + found.number() + " (" + found.tag() + ")";
    }

    /** Position of the named step in the path (1 when it has no index), 0 when absent. */
    private static int index(String xpath, String name) {
        for (String step : xpath.split("/")) {
            Matcher m = STEP.matcher(step);
            if (m.lookingAt() && m.group(1).equals(name)) {
                return m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            }
        }
        return 0;
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
