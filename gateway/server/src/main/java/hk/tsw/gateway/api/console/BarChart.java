package hk.tsw.gateway.api.console;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.store.DashboardQueries;

/**
 * The dashboard's chart as numbers for the template's inline SVG: per hour three bars (received, delivered,
 * rejected) scaled to the largest count. Only coordinates are computed here; the markup is the template's.
 */
record BarChart(int width, int height, int max, List<Group> groups) {

    static final int GROUP = 30;
    static final int BAR = 8;
    static final int PLOT = 140;

    /** One hour: label (UTC hour), x of its first bar, and the three bars. */
    record Group(String label, int x, List<Bar> bars) {
    }

    /** One bar: its series (css class), value, and geometry. */
    record Bar(String series, int value, int x, int y, int height) {
    }

    static BarChart of(List<DashboardQueries.Hour> hours) {
        int max = 1;
        for (DashboardQueries.Hour h : hours) {
            max = Math.max(max, Math.max(h.received(), Math.max(h.delivered(), h.rejected())));
        }
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            DashboardQueries.Hour h = hours.get(i);
            int x = i * GROUP + 3;
            List<Bar> bars = List.of(bar("received", h.received(), x, max), bar("delivered", h.delivered(), x + BAR, max),
                    bar("rejected", h.rejected(), x + 2 * BAR, max));
            groups.add(new Group(String.format("%02d", h.start().atZone(ZoneOffset.UTC).getHour()), x, bars));
        }
        return new BarChart(hours.size() * GROUP, PLOT + 20, max, groups);
    }

    private static Bar bar(String series, int value, int x, int max) {
        int height = value == 0 ? 0 : Math.max(1, value * PLOT / max);
        return new Bar(series, value, x, PLOT - height, height);
    }
}
