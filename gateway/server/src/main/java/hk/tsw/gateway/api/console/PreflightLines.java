package hk.tsw.gateway.api.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file cut into what the preflight's errors point at, numbered as they count: an EDIFACT interchange into segments
 * (UNB = 1; a UNA service string advice is shown unnumbered; its separators and release character are honoured), an
 * XML document into lines (the first = 1). Each error of {@code POST /api/validate}'s {@code errors} is put next to its
 * segment or line; one located only by its message goes next to that message's UNH; the rest stay with the file.
 */
final class PreflightLines {

    /** One numbered unit of the file (number 0: not counted) and the errors located on it. */
    record Unit(int number, String text, List<String> errors) {
    }

    /** The file's units and the errors that point at none of them. */
    record Located(boolean xml, List<Unit> units, List<String> unplaced) {
    }

    private PreflightLines() {
    }

    static Located locate(String file, List<Map<String, Object>> errors) {
        boolean xml = file.stripLeading().startsWith("<");
        List<Unit> units = new ArrayList<>();
        if (xml) {
            int n = 0;
            for (String line : file.split("\\R", -1)) {
                units.add(new Unit(++n, line, new ArrayList<>()));
            }
        } else {
            units.addAll(segments(file));
        }
        Map<Integer, Unit> byNumber = new LinkedHashMap<>();
        Map<String, Unit> byMessage = new LinkedHashMap<>();
        for (Unit u : units) {
            if (u.number() > 0) {
                byNumber.put(u.number(), u);
            }
            if (!xml && u.text().startsWith("UNH")) {
                String[] elements = u.text().split("\\+", 3);
                if (elements.length > 1) {
                    byMessage.putIfAbsent(elements[1], u);
                }
            }
        }
        List<String> unplaced = new ArrayList<>();
        for (Map<String, Object> e : errors) {
            int at = number(e.get(xml ? "line" : "segment"));
            String text = String.valueOf(e.get("text"));
            Unit u = at > 0 ? byNumber.get(at) : e.get("messageRef") == null ? null : byMessage.get(e.get("messageRef"));
            if (u == null) {
                unplaced.add(text);
            } else {
                u.errors().add(text);
            }
        }
        return new Located(xml, units, unplaced);
    }

    /** EDIFACT segments, each trimmed of the line breaks between them. */
    private static List<Unit> segments(String file) {
        char release = '?';
        char terminator = '\'';
        String s = file.stripLeading();
        List<Unit> units = new ArrayList<>();
        int start = 0;
        if (s.startsWith("UNA") && s.length() >= 9) {
            release = s.charAt(6) == ' ' ? '\0' : s.charAt(6); // a space: no release character
            terminator = s.charAt(8);
            units.add(new Unit(0, s.substring(0, 9), new ArrayList<>()));
            start = 9;
        }
        StringBuilder current = new StringBuilder();
        int number = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == release && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
                continue;
            }
            current.append(c);
            if (c == terminator) {
                units.add(new Unit(++number, current.toString().strip(), new ArrayList<>()));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            units.add(new Unit(++number, current.toString().strip(), new ArrayList<>()));
        }
        return units;
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }
}
