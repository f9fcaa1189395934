package hk.tsw.gateway.translate.mapping.direct;

import java.util.List;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.MessageStructure;
import hk.tsw.gateway.translate.edifact.Segment;

/**
 * Writes one message as the single-message interchange that Daffodil would parse: {@code Interchange} (UNA, UNB,
 * {@code Message} (UNH, the message-type element with its segments and segment groups, UNT), UNZ), in the order and
 * with the names of the directory schema. The message must already have passed the segment table
 * ({@code StructureValidator}), so segments fall into groups exactly as the greedy table match places them.
 */
final class MessageInfoset {

    private final InfosetWriter out;
    private final SegmentLayouts layouts;
    private final SegmentInfoset segments;
    private final boolean decimalComma;
    private List<Segment> body;
    private int pos;

    private MessageInfoset(InfosetWriter out, SegmentLayouts layouts, InterchangeHeader h) {
        this.out = out;
        this.layouts = layouts;
        this.segments = new SegmentInfoset(out, !"4".equals(h.syntaxVersion()));
        this.decimalComma = h.chars().decimal() == ',';
    }

    static void write(InfosetWriter out, EdifactMessage m, MessageStructure structure, SegmentLayouts layouts)
            throws NotDirect {
        new MessageInfoset(out, layouts, m.interchange()).message(m, structure);
    }

    private void message(EdifactMessage m, MessageStructure structure) throws NotDirect {
        InterchangeHeader h = m.interchange();
        List<Segment> all = m.segments();
        if (all.size() < 2 || !all.get(all.size() - 1).tag().equals("UNT")) {
            throw new NotDirect("the message has no UNT");
        }
        boolean v4 = "4".equals(h.syntaxVersion());
        out.startQualified("Interchange");
        out.start("UNA");
        out.leaf("CompositeSeparator", ":");
        out.leaf("FieldSeparator", "+");
        out.leaf("DecimalSeparator", ".");
        out.leaf("EscapeCharacter", "?");
        out.leaf("RepeatSeparator", v4 ? "*" : " ");
        out.leaf("SegmentTerminator", "'");
        out.end();
        segments.write(h.segment(), layouts.segment("UNB"), false);
        out.startQualified("Message");
        segments.write(all.get(0), layouts.segment("UNH"), decimalComma);
        out.startQualified(m.type());
        body = all.subList(1, all.size() - 1);
        pos = 0;
        entries(structure.children());
        if (pos != body.size()) {
            throw new NotDirect("segment " + body.get(pos).tag() + " is left over after the segment table");
        }
        out.end();
        segments.write(all.get(all.size() - 1), layouts.segment("UNT"), decimalComma);
        out.end();
        Segment unz = new Segment(0, "UNZ", List.of(List.of(List.of("1")), List.of(List.of(h.controlReference()))));
        segments.write(unz, layouts.segment("UNZ"), false);
        out.end();
    }

    private void entries(List<MessageStructure> entries) throws NotDirect {
        for (MessageStructure e : entries) {
            int count = 0;
            while (pos < body.size() && body.get(pos).tag().equals(e.trigger())) {
                if (count == e.max() && e.max() == 1) {
                    break;
                }
                if (count == e.max()) {
                    // An array's occursCountKind is "parsed", which maxOccurs may not bound: Daffodil might take it.
                    throw new NotDirect(e.name() + " occurs more than " + e.max() + " times in a row");
                }
                count++;
                if (e.group()) {
                    out.start(e.name());
                    segment(body.get(pos++));
                    entries(e.children().subList(1, e.children().size()));
                    out.end();
                } else {
                    segment(body.get(pos++));
                }
            }
        }
    }

    private void segment(Segment s) throws NotDirect {
        segments.write(s, layouts.segment(s.tag()), decimalComma);
    }
}
