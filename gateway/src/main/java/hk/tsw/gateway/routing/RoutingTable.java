package hk.tsw.gateway.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.ParserConfigurationException;

import hk.tsw.gateway.canonical.CanonicalFacts;
import hk.tsw.gateway.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@code config/routing.xml}: which agencies receive a canonical document, by document type and optional
 * conditions (HS-code prefixes, additional document types). Validated against {@code xsd/config/routing.xsd} and
 * against the agency registry at start-up; evaluation is pure and fast.
 */
public final class RoutingTable {

    record Rule(String documentType, List<String> hsPrefixes, List<String> additionalDocumentTypes, List<String> agencies) {
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
                        words(r.getAttribute("additionalDocumentType")), List.copyOf(codes)));
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
        if (!r.hsPrefixes().isEmpty() && doc.hsCodes().stream()
                .noneMatch(hs -> r.hsPrefixes().stream().anyMatch(hs::startsWith))) {
            return false;
        }
        return r.additionalDocumentTypes().isEmpty()
                || doc.additionalDocumentTypes().stream().anyMatch(r.additionalDocumentTypes()::contains);
    }
}
