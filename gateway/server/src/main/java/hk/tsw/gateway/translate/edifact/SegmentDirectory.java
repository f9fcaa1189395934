package hk.tsw.gateway.translate.edifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import hk.tsw.gateway.security.SecureXml;

/**
 * The data elements of every segment of one directory (D96A, ...), read from the same DFDL segment schema that the
 * Smooks cartridge parses with. Daffodil only checks lengths and character types when its (slow) validation is on;
 * this table lets the gateway check them itself, always, and say exactly where a value is wrong.
 *
 * <p>In the schema a segment is a complexType {@code TAG-Name} and a composite a complexType {@code Cnnn-Name}; an
 * entry with {@code maxOccurs="N"} stands for N consecutive positions, the first {@code minOccurs} of them
 * mandatory. Simple data elements restrict a base type whose facets give the representation: {@code alphaMIN-MAX}
 * (an, minLength/maxLength) or {@code numericMIN-MAX} / {@code numericN} (n, at most totalDigits digits; the name
 * gives the minimum, {@code numericN} being fixed length). Code lists are not read.
 */
public final class SegmentDirectory {

    /** Representation of a data element value. */
    public enum Kind { AN, N }

    /** One component position of a composite, or the value of a simple data element. */
    public record Component(String id, boolean mandatory, Kind kind, int minLength, int maxLength) {

        /** As the directories write it: {@code an..35}, {@code n4}. */
        public String representation() {
            String k = kind == Kind.N ? "n" : "an";
            return minLength == maxLength ? k + maxLength : k + ".." + maxLength;
        }
    }

    /**
     * One data element position of a segment.
     *
     * @param id         "3035" for a simple data element, "C080" for a composite
     * @param components for a simple data element, its one value (with the same id)
     */
    public record DataElement(String id, boolean mandatory, boolean composite, List<Component> components) {
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Z]{3}");
    private static final Pattern COMPOSITE = Pattern.compile("[A-Z][0-9]{3}");
    private static final Pattern NUMERIC = Pattern.compile("numeric([0-9]+)(?:-([0-9]+))?");

    private final String directory;
    private final Map<String, List<DataElement>> segments;

    private SegmentDirectory(String directory, Map<String, List<DataElement>> segments) {
        this.directory = directory;
        this.segments = segments;
    }

    public String directory() {
        return directory;
    }

    /** The data elements of segment {@code tag} in order, or null when the directory does not define it. */
    public List<DataElement> segment(String tag) {
        return segments.get(tag);
    }

    /** Loads {@code /<directory>/EDIFACT-Segments.dfdl.xsd} from the classpath; null if absent. */
    public static SegmentDirectory load(String directory) throws IOException {
        String resource = "/" + directory.toLowerCase() + "/EDIFACT-Segments.dfdl.xsd";
        try (InputStream in = SegmentDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Schema schema = new Schema();
            XMLStreamReader r = SecureXml.xmlInputFactory().createXMLStreamReader(in);
            try {
                schema.read(r);
            } finally {
                r.close();
            }
            return new SegmentDirectory(directory.toUpperCase(), schema.resolve());
        } catch (XMLStreamException | IllegalStateException e) {
            throw new IOException("cannot read the segments of " + directory + " from " + resource + ": "
                    + e.getMessage(), e);
        }
    }

    /** An xsd:element entry of a complexType, before its type is resolved. */
    private record Entry(String name, String type, int min, int max) {
    }

    /** What the schema declares, by type name (namespace prefix removed). */
    private static final class Schema {
        final Map<String, List<Entry>> complexTypes = new HashMap<>();
        final List<String> complexOrder = new ArrayList<>();
        final Map<String, String> simpleBase = new HashMap<>();
        final Map<String, Map<String, String>> facets = new HashMap<>();

        void read(XMLStreamReader r) throws XMLStreamException {
            String complex = null;
            String simple = null;
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 1) {
                        complex = null;
                        simple = null;
                    }
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                depth++;
                String local = r.getLocalName();
                if (depth == 2 && local.equals("complexType")) {
                    complex = r.getAttributeValue(null, "name");
                    complexTypes.put(complex, new ArrayList<>());
                    complexOrder.add(complex);
                } else if (depth == 2 && local.equals("simpleType")) {
                    simple = r.getAttributeValue(null, "name");
                    facets.put(simple, new HashMap<>());
                } else if (complex != null && local.equals("element")) {
                    complexTypes.get(complex).add(new Entry(r.getAttributeValue(null, "name"),
                            local(r.getAttributeValue(null, "type")), occurs(r.getAttributeValue(null, "minOccurs")),
                            occurs(r.getAttributeValue(null, "maxOccurs"))));
                } else if (simple != null && local.equals("restriction")) {
                    simpleBase.put(simple, r.getAttributeValue(null, "base"));
                } else if (simple != null && (local.equals("minLength") || local.equals("maxLength")
                        || local.equals("totalDigits"))) {
                    facets.get(simple).put(local, r.getAttributeValue(null, "value"));
                }
            }
        }

        Map<String, List<DataElement>> resolve() {
            Map<String, List<DataElement>> segments = new HashMap<>();
            for (String type : complexOrder) {
                int dash = type.indexOf('-');
                String tag = dash < 0 ? type : type.substring(0, dash);
                if (COMPOSITE.matcher(tag).matches()) {
                    continue;
                }
                if (dash < 0 || !SEGMENT.matcher(tag).matches()) {
                    throw new IllegalStateException("complexType " + type + " is neither TAG-Name nor Cnnn-Name");
                }
                List<DataElement> elements = new ArrayList<>();
                for (Entry e : complexTypes.get(type)) {
                    for (int i = 0; i < positions(e); i++) {
                        elements.add(dataElement(e, i < e.min()));
                    }
                }
                segments.put(tag, List.copyOf(elements));
            }
            return Map.copyOf(segments);
        }

        private DataElement dataElement(Entry e, boolean mandatory) {
            List<Entry> parts = complexTypes.get(e.type());
            if (parts == null) {
                return new DataElement(id(e.name()), mandatory, false, List.of(component(e, mandatory)));
            }
            List<Component> components = new ArrayList<>();
            for (Entry p : parts) {
                for (int i = 0; i < positions(p); i++) {
                    components.add(component(p, i < p.min()));
                }
            }
            return new DataElement(id(e.name()), mandatory, true, List.copyOf(components));
        }

        private Component component(Entry e, boolean mandatory) {
            String base = simpleBase.get(e.type());
            if (base == null) {
                throw new IllegalStateException("no simple type " + e.type() + " for " + e.name());
            }
            String name = local(base);
            Map<String, String> f = facets.get(name);
            if (f == null || !simpleBase.containsKey(name)) {
                throw new IllegalStateException("no base type " + base + " for " + e.type());
            }
            if (simpleBase.get(name).endsWith(":decimal")) {
                Matcher m = NUMERIC.matcher(name);
                int max = Integer.parseInt(f.getOrDefault("totalDigits", m.matches() ? number(m) : "0"));
                int min = m.matches() ? Integer.parseInt(m.group(1)) : 0;
                return new Component(id(e.name()), mandatory, Kind.N, Math.min(min, max), max);
            }
            int max = Integer.parseInt(f.getOrDefault("maxLength", String.valueOf(Integer.MAX_VALUE)));
            int min = Integer.parseInt(f.getOrDefault("minLength", "0"));
            return new Component(id(e.name()), mandatory, Kind.AN, min, max);
        }

        /** EDIFACT repeats a position a fixed number of times; an unbounded entry would be a schema we do not know. */
        private static int positions(Entry e) {
            if (e.max() > 999) {
                throw new IllegalStateException(e.name() + " has no fixed maxOccurs");
            }
            return e.max();
        }

        private static String number(Matcher m) {
            return m.group(2) != null ? m.group(2) : m.group(1);
        }
    }

    /** "E3035" names data element 3035; composites keep their letter ("C080"). */
    private static String id(String name) {
        return name.length() == 5 && name.charAt(0) == 'E' ? name.substring(1) : name;
    }

    private static String local(String qname) {
        return qname == null ? null : qname.substring(qname.indexOf(':') + 1);
    }

    private static int occurs(String v) {
        if (v == null) {
            return 1;
        }
        return "unbounded".equals(v) ? Integer.MAX_VALUE : Integer.parseInt(v);
    }
}
