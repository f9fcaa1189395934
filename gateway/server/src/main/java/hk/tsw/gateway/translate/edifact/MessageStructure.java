package hk.tsw.gateway.translate.edifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import hk.tsw.gateway.security.SecureXml;

/**
 * A message type's segment table (segments and segment groups with their occurrences), read from the same DFDL
 * directory schema that the Smooks cartridge parses with, so both always agree on the structure.
 *
 * @param name     segment tag, or the group name (SegGrp-N)
 * @param children empty for a segment; for a group or the message, its entries in order (a group's first entry is
 *                 its trigger segment)
 */
public record MessageStructure(String name, boolean group, int min, int max, List<MessageStructure> children) {

    /** A group's trigger segment tag. */
    public String trigger() {
        return group ? children.get(0).trigger() : name;
    }

    /** Loads {@code type} from {@code /<directory>/EDIFACT-Messages.dfdl.xsd} on the classpath; null if absent. */
    public static MessageStructure load(String directory, String type) throws IOException {
        String resource = "/" + directory.toLowerCase() + "/EDIFACT-Messages.dfdl.xsd";
        try (InputStream in = MessageStructure.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            XMLStreamReader r = SecureXml.xmlInputFactory().createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("complexType")
                            && type.equals(r.getAttributeValue(null, "name"))) {
                        return readMessage(r, type);
                    }
                }
                return null;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("cannot read the structure of " + type + " from " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads the complexType the reader is positioned on; nested xsd:sequence wrappers are flattened. */
    private static MessageStructure readMessage(XMLStreamReader r, String type) throws XMLStreamException {
        Deque<List<MessageStructure>> open = new ArrayDeque<>();
        Deque<String[]> groups = new ArrayDeque<>();
        open.push(new ArrayList<>());
        int depth = 1;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (r.getLocalName().equals("element")) {
                    String name = r.getAttributeValue(null, "name");
                    int min = occurs(r.getAttributeValue(null, "minOccurs"));
                    int max = occurs(r.getAttributeValue(null, "maxOccurs"));
                    if (name != null && name.startsWith("SegGrp")) {
                        groups.push(new String[]{name, String.valueOf(min), String.valueOf(max), String.valueOf(depth)});
                        open.push(new ArrayList<>());
                    } else if (name != null) {
                        open.peek().add(new MessageStructure(name, false, min, max, List.of()));
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (!groups.isEmpty() && Integer.parseInt(groups.peek()[3]) == depth) {
                    String[] g = groups.pop();
                    List<MessageStructure> children = open.pop();
                    open.peek().add(new MessageStructure(g[0], true, Integer.parseInt(g[1]), Integer.parseInt(g[2]),
                            List.copyOf(children)));
                }
                depth--;
                if (depth == 0) {
                    return new MessageStructure(type, true, 1, 1, List.copyOf(open.pop()));
                }
            }
        }
        throw new XMLStreamException("unexpected end of the " + type + " definition");
    }

    private static int occurs(String v) {
        if (v == null) {
            return 1;
        }
        return "unbounded".equals(v) ? Integer.MAX_VALUE : Integer.parseInt(v);
    }
}
