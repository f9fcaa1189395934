package hk.tsw.gateway.answer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.ParserConfigurationException;

import hk.tsw.gateway.security.SecureXml;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Turns a canonical XPath into WCO Response pointers the way HMRC's DEC-DMS notifications give them: a pointer to
 * the Declaration (42A), then one per WCO class on the path (DocumentSectionCode = the class id, SequenceNumeric =
 * its position), the last carrying the data element id as TagID. The ids come from the canonical schema's own
 * {@code wco:ID} annotations, so the mapping is data. The canonical document has no GoodsShipment level, so 67A is
 * put in front of the goods item (68A) as the DEC-DMS structure has it.
 */
final class WcoPointers {

    /** One Response/Error/Pointer; null fields are left out. */
    record Pointer(Integer sequence, String section, String tag) {
    }

    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private static final String WCO_REF = "urn:hk:tsw:wco-dm-reference";
    private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?.*");
    private static final Pattern CLASS_ID = Pattern.compile("\\d{2}[A-Z]");

    private record Decl(String wcoId, String type) {
    }

    /** complex type name -> child element name -> declaration */
    private final Map<String, Map<String, Decl>> types = new HashMap<>();

    WcoPointers() {
        try (InputStream in = WcoPointers.class.getResourceAsStream("/canonical/trade-document.xsd")) {
            if (in == null) {
                throw new IllegalStateException("canonical schema /canonical/trade-document.xsd is not on the classpath");
            }
            Element schema = SecureXml.documentBuilderFactory().newDocumentBuilder().parse(in).getDocumentElement();
            NodeList complex = schema.getElementsByTagNameNS(XS, "complexType");
            for (int i = 0; i < complex.getLength(); i++) {
                Element ct = (Element) complex.item(i);
                Map<String, Decl> children = new HashMap<>();
                NodeList els = ct.getElementsByTagNameNS(XS, "element");
                for (int j = 0; j < els.getLength(); j++) {
                    Element e = (Element) els.item(j);
                    NodeList ids = e.getElementsByTagNameNS(WCO_REF, "ID");
                    children.put(e.getAttribute("name"), new Decl(ids.getLength() == 0 ? null
                            : ids.item(0).getTextContent().trim(), e.getAttribute("type")));
                }
                types.put(ct.getAttribute("name"), children);
            }
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read the canonical schema: " + e.getMessage(), e);
        }
    }

    List<Pointer> pointers(String xpath) {
        List<Pointer> out = new ArrayList<>();
        out.add(new Pointer(null, "42A", null));
        String type = "TradeDocumentType";
        String[] steps = xpath == null ? new String[0] : xpath.split("/");
        for (int i = 2; i < steps.length && type != null; i++) { // steps[1] is TradeDocument
            Matcher m = STEP.matcher(steps[i]);
            Decl decl = m.matches() ? types.getOrDefault(type, Map.of()).get(m.group(1)) : null;
            if (decl == null) {
                break;
            }
            String id = decl.wcoId();
            if (id != null && CLASS_ID.matcher(id).matches()) {
                if (id.equals("68A") && out.stream().noneMatch(p -> "67A".equals(p.section()))) {
                    out.add(new Pointer(null, "67A", null));
                }
                out.add(new Pointer(m.group(2) == null ? 1 : Integer.parseInt(m.group(2)), id, null));
            } else if (id != null && id.length() <= 4 && i == steps.length - 1) {
                Pointer last = out.remove(out.size() - 1);
                out.add(new Pointer(last.sequence(), last.section(), id));
            }
            type = types.containsKey(decl.type()) ? decl.type() : null;
        }
        return out;
    }

}
