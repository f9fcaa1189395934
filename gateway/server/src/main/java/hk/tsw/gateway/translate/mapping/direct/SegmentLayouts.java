package hk.tsw.gateway.translate.mapping.direct;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import hk.tsw.gateway.security.SecureXml;

/**
 * The layout of every segment of one directory (and of the service segments UNB, UNH, UNT, UNZ...) as the DFDL
 * schemas that Smooks parses with declare it: element names, occurrences, composites, the "repeat" sequences, and
 * which values are numbers. Read from the same schema files on the classpath, so the direct reader names every
 * element exactly as Daffodil does.
 */
public final class SegmentLayouts {

    /** One component of a composite (array entries expanded to one position each), or a simple element's value. */
    public record Component(String name, boolean required, boolean array, boolean numeric, boolean integer) {
    }

    /**
     * One position of a segment (one data element between field separators).
     *
     * @param components empty for a simple data element
     * @param repeat     declared in a repeat sequence (Daffodil splits it on the repetition separator)
     * @param value      the simple element's value type (null for a composite)
     */
    public record Field(String name, boolean required, boolean repeat, Component value, List<Component> components) {
        public boolean composite() {
            return value == null;
        }
    }

    private static final String SERVICE = "/EDIFACT-Common/EDIFACT-Service-Segments-4.1.dfdl.xsd";

    private final Map<String, List<Field>> segments;

    private SegmentLayouts(Map<String, List<Field>> segments) {
        this.segments = segments;
    }

    /** The fields of segment {@code tag}, or null when neither the directory nor the service segments define it. */
    public List<Field> segment(String tag) {
        return segments.get(tag);
    }

    /** Loads {@code /<directory>/EDIFACT-Segments.dfdl.xsd} and the service segments; null if the directory is absent. */
    public static SegmentLayouts load(String directory) throws IOException {
        String resource = "/" + directory.toLowerCase() + "/EDIFACT-Segments.dfdl.xsd";
        Map<String, List<Field>> all = new HashMap<>(read(SERVICE));
        Map<String, List<Field>> own = read(resource);
        if (own == null) {
            return null;
        }
        all.putAll(own);
        return new SegmentLayouts(Map.copyOf(all));
    }

    private static Map<String, List<Field>> read(String resource) throws IOException {
        try (InputStream in = SegmentLayouts.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            SchemaTypes types = new SchemaTypes();
            XMLStreamReader r = SecureXml.xmlInputFactory().createXMLStreamReader(in);
            try {
                types.read(r);
            } finally {
                r.close();
            }
            return types.segments();
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("cannot read the segment layouts of " + resource + ": " + e.getMessage(), e);
        }
    }

    /** An xsd:element of a complexType, before its type is resolved. */
    private record Entry(String name, String type, int min, int max, boolean repeat) {
    }

    /** The complex and simple types of one schema file, by local name. */
    private static final class SchemaTypes {
        final Map<String, List<Entry>> complex = new HashMap<>();
        final List<String> order = new ArrayList<>();
        final Map<String, String> base = new HashMap<>();
        final Map<String, String> pattern = new HashMap<>();

        void read(XMLStreamReader r) throws XMLStreamException {
            String complexName = null;
            String simpleName = null;
            int depth = 0;
            int repeatDepth = -1;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == repeatDepth) {
                        repeatDepth = -1;
                    }
                    if (--depth == 1) {
                        complexName = null;
                        simpleName = null;
                    }
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                depth++;
                String local = r.getLocalName();
                if (depth == 2 && local.equals("complexType")) {
                    complexName = r.getAttributeValue(null, "name");
                    complex.put(complexName, new ArrayList<>());
                    order.add(complexName);
                } else if (depth == 2 && local.equals("simpleType")) {
                    simpleName = r.getAttributeValue(null, "name");
                    String p = attribute(r, "textNumberPattern");
                    if (p != null) {
                        pattern.put(simpleName, p);
                    }
                } else if (complexName != null && local.equals("sequence")
                        && String.valueOf(attribute(r, "ref")).endsWith("EDISegmentPartRepeatSequenceFormat")) {
                    repeatDepth = depth;
                } else if (complexName != null && local.equals("element")) {
                    complex.get(complexName).add(new Entry(r.getAttributeValue(null, "name"),
                            localName(r.getAttributeValue(null, "type")), occurs(r.getAttributeValue(null, "minOccurs")),
                            occurs(r.getAttributeValue(null, "maxOccurs")), repeatDepth > 0));
                } else if (simpleName != null && local.equals("restriction")) {
                    base.put(simpleName, localName(r.getAttributeValue(null, "base")));
                }
            }
        }

        Map<String, List<Field>> segments() {
            Map<String, List<Field>> out = new HashMap<>();
            for (String type : order) {
                int dash = type.indexOf('-');
                if (dash != 3 || !type.substring(0, 3).chars().allMatch(Character::isUpperCase)) {
                    continue;
                }
                List<Entry> entries = complex.get(type);
                // Shapes the direct reader does not render (several repeat sequences, arrays outside one): the
                // segment is left out, and a message holding it is read by Daffodil.
                if (entries.stream().filter(Entry::repeat).count() > 1
                        || entries.stream().anyMatch(e -> !e.repeat() && e.max() != 1)) {
                    continue;
                }
                List<Field> fields = new ArrayList<>();
                for (Entry e : entries) {
                    fields.add(field(e));
                }
                out.put(type.substring(0, 3), List.copyOf(fields));
            }
            return out;
        }

        private Field field(Entry e) {
            List<Entry> parts = complex.get(e.type());
            if (parts == null) {
                return new Field(e.name(), e.min() > 0, e.repeat(), component(e.name(), e.type(), e.min() > 0, false), List.of());
            }
            List<Component> components = new ArrayList<>();
            for (Entry p : parts) {
                for (int i = 0; i < p.max(); i++) {
                    components.add(component(p.name(), p.type(), i < p.min(), p.max() > 1));
                }
            }
            return new Field(e.name(), e.min() > 0, e.repeat(), null, List.copyOf(components));
        }

        private Component component(String name, String type, boolean required, boolean array) {
            String t = type;
            String numberPattern = null;
            for (int guard = 0; guard < 10 && t != null; guard++) {
                numberPattern = numberPattern != null ? numberPattern : pattern.get(t);
                if (t.equals("decimal") || t.equals("string")) {
                    break;
                }
                t = base.get(t);
            }
            if (t == null || !(t.equals("decimal") || t.equals("string"))) {
                throw new IllegalStateException("cannot resolve the type " + type + " of " + name);
            }
            boolean numeric = t.equals("decimal");
            return new Component(name, required, array, numeric, numeric && "0".equals(numberPattern));
        }
    }

    private static String attribute(XMLStreamReader r, String local) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals(local)) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    private static String localName(String qname) {
        return qname == null ? null : qname.substring(qname.indexOf(':') + 1);
    }

    private static int occurs(String v) {
        if (v == null) {
            return 1;
        }
        return "unbounded".equals(v) ? Integer.MAX_VALUE : Integer.parseInt(v);
    }
}
