package hk.tsw.gateway.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.ParserConfigurationException;

import hk.tsw.gateway.translate.canonical.CanonicalFacts;
import hk.tsw.gateway.security.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import hk.tsw.gateway.deliver.AgencyRegistry;

/**
 * {@code config/routing.xml}: which agencies receive a canonical document, by document type and optional
 * conditions (HS-code prefixes, additional document types, LPCO type, transport mode). Validated against {@code xsd/config/routing.xsd} and
 * against the agency registry at start-up; evaluation is pure and fast.
 */
public final class RoutingTable implements hk.tsw.gateway.translate.Destinations {

    /** One {@code <rule>}: an empty condition list means "any". */
    public record Rule(String documentType, List<String> hsPrefixes, List<String> additionalDocumentTypes,
                       List<String> lpcoTypes, List<String> transportModes, List<String> agencies) {

        /** Whether this rule can match documents of this type (and LPCO type, when given), whatever their goods. */
        public boolean covers(String type, String lpcoType) {
            return documentType.equals(type)
                    && (lpcoTypes.isEmpty() || lpcoType == null || lpcoTypes.contains(lpcoType));
        }

        /** Whether this rule delivers every document of this type (and LPCO type) to its agencies, unconditionally. */
        public boolean deliversAll(String type, String lpcoType) {
            return documentType.equals(type) && hsPrefixes.isEmpty() && additionalDocumentTypes.isEmpty()
                    && transportModes.isEmpty() && (lpcoTypes.isEmpty() || lpcoTypes.contains(lpcoType));
        }
    }

    private final List<Rule> rules;

    private RoutingTable(List<Rule> rules) {
        this.rules = rules;
    }

    public static RoutingTable load(Path xml, Path xsd, AgencyRegistry agencies) throws IOException {
        String name = xml.getFileName().toString();
        try {
            SecureXml.validator(SecureXml.schema(xsd)).validate(new javax.xml.transform.stream.StreamSource(xml.toFile()));
            Document doc = SecureXml.documentBuilderFactory().newDocumentBuilder().parse(Files.newInputStream(xml));
            List<Rule> rules = new ArrayList<>();
            NodeList list = doc.getDocumentElement().getElementsByTagNameNS("*", "rule");
            for (int i = 0; i < list.getLength(); i++) {
                Element r = (Element) list.item(i);
                List<String> codes = new ArrayList<>();
                NodeList as = r.getElementsByTagNameNS("*", "agency");
                for (int j = 0; j < as.getLength(); j++) {
                    String code = as.item(j).getTextContent().trim();
                    if (!agencies.exists(code)) {
                        throw new IOException(name + ": rule " + (i + 1) + " names agency " + code
                                + ", which has no file in config/agencies/");
                    }
                    codes.add(code);
                }
                rules.add(new Rule(r.getAttribute("documentType").trim(), words(r.getAttribute("hsPrefix")),
                        words(r.getAttribute("additionalDocumentType")), words(r.getAttribute("lpcoType")),
                        words(r.getAttribute("transportMode")), List.copyOf(codes)));
            }
            return new RoutingTable(List.copyOf(rules));
        } catch (SAXParseException e) {
            throw new IOException(name + ": line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The agencies for this document, in rule order, each once; empty when no rule matches. */
    public Set<String> agenciesFor(CanonicalFacts doc) {
        Set<String> result = new LinkedHashSet<>();
        for (Rule r : rules) {
            if (r.documentType().equals(doc.documentType()) && matches(r, doc)) {
                result.addAll(r.agencies());
            }
        }
        return result;
    }

    private static boolean matches(Rule r, CanonicalFacts doc) {
        if (!r.lpcoTypes().isEmpty() && !r.lpcoTypes().contains(doc.lpcoType())) {
            return false;
        }
        if (!r.transportModes().isEmpty() && !r.transportModes().contains(doc.transportMode())) {
            return false;
        }
        if (!r.hsPrefixes().isEmpty() && doc.hsCodes().stream()
                .noneMatch(hs -> r.hsPrefixes().stream().anyMatch(hs::startsWith))) {
            return false;
        }
        return r.additionalDocumentTypes().isEmpty()
                || doc.additionalDocumentTypes().stream().anyMatch(r.additionalDocumentTypes()::contains);
    }
}
