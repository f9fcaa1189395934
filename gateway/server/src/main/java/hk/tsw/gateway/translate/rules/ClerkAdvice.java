package hk.tsw.gateway.translate.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;

import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.security.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a clerk should change, in plain words, for each rejection: per ISO 9735 0085 syntax code from
 * {@code mappings/common/syntax-advice.xml}, per business rule from the {@code <advice>} of its
 * {@code mappings/rules/error-codes.xml} entry, and for mapping errors from its {@code <mappingAdvice>}. Kept as
 * data so that a new code or rule is advised without Java. Placeholders are filled from the located error:
 * {@code {where}}, {@code {tag}}, {@code {value}} for syntax errors, {@code {value}}, {@code {xpath}} for rules.
 * A missing file means no advice (test fixtures with a bare rules folder). Immutable, thread-safe.
 */
public final class ClerkAdvice {

    static final String SYNTAX_NS = "urn:hk:tsw:syntax-advice:1";
    static final String CODES_NS = "urn:hk:tsw:rule-error-codes:1";

    private final Map<String, String> bySyntaxCode;
    private final Map<String, String> byRule;
    private final String defaultRuleAdvice;
    private final String mappingAdvice;

    private ClerkAdvice(Map<String, String> bySyntaxCode, Map<String, String> byRule, String defaultRuleAdvice,
                        String mappingAdvice) {
        this.bySyntaxCode = Map.copyOf(bySyntaxCode);
        this.byRule = Map.copyOf(byRule);
        this.defaultRuleAdvice = defaultRuleAdvice;
        this.mappingAdvice = mappingAdvice;
    }

    /** No advice at all. */
    public static ClerkAdvice none() {
        return new ClerkAdvice(Map.of(), Map.of(), null, null);
    }

    /** Reads {@code <rulesDir>/error-codes.xml} and {@code <rulesDir>/../common/syntax-advice.xml}. */
    public static ClerkAdvice load(Path rulesDir) throws IOException {
        Map<String, String> syntax = new HashMap<>();
        Path syntaxFile = rulesDir.toAbsolutePath().normalize().resolveSibling("common").resolve("syntax-advice.xml");
        if (Files.isRegularFile(syntaxFile)) {
            for (Element code : children(parse(syntaxFile).getDocumentElement(), SYNTAX_NS, "code")) {
                syntax.put(code.getAttribute("value"), adviceOf(code, SYNTAX_NS));
            }
        }
        Map<String, String> rules = new HashMap<>();
        String defaultAdvice = null;
        String mapping = null;
        Path codesFile = rulesDir.resolve("error-codes.xml");
        if (Files.isRegularFile(codesFile)) {
            Element root = parse(codesFile).getDocumentElement();
            for (Element m : children(root, CODES_NS, "mappingAdvice")) {
                mapping = normal(m.getTextContent());
            }
            for (Element code : children(root, CODES_NS, "code")) {
                String advice = adviceOf(code, CODES_NS);
                for (String rule : code.getAttribute("rules").trim().split("\\s+")) {
                    rules.put(rule, advice);
                }
                if (defaultAdvice == null && code.getAttribute("value").equals(root.getAttribute("default"))) {
                    defaultAdvice = advice;
                }
            }
        }
        return new ClerkAdvice(syntax, rules, defaultAdvice, mapping);
    }

    /** The error with its advice: by its 0085 code, or the mapping advice for an error without one. */
    public LocatedError advise(LocatedError e) {
        if (e.advice() != null) {
            return e;
        }
        String template = e.syntaxCode() == null ? mappingAdvice : bySyntaxCode.get(e.syntaxCode());
        if (template == null) {
            return e;
        }
        return e.withAdvice(template.replace("{where}", where(e))
                .replace("{tag}", e.segmentTag() == null ? "the segment" : e.segmentTag())
                .replace("{value}", quoted(e.value())));
    }

    /** The failure with the advice of its rule's {@code error-codes.xml} entry (or of the default code's). */
    public RuleFailure advise(RuleFailure f) {
        String template = byRule.getOrDefault(f.rule(), defaultRuleAdvice);
        if (f.advice() != null || template == null) {
            return f;
        }
        return f.withAdvice(template.replace("{value}", quoted(f.value()))
                .replace("{xpath}", f.xpath() == null ? "the place named" : f.xpath()));
    }

    /** The advice template of a 0085 code, or null (tests check every emitted code has one). */
    public String syntaxTemplate(String code) {
        return bySyntaxCode.get(code);
    }

    private static String where(LocatedError e) {
        if (e.xpath() != null) {
            return e.xpath();
        }
        if (e.segmentNumber() <= 0) {
            return e.segmentTag() == null ? "the interchange header" : e.segmentTag();
        }
        String at = "segment " + e.segmentNumber() + (e.segmentTag() == null ? "" : " (" + e.segmentTag() + ")");
        return e.element() <= 0 ? at : at + " element " + e.element() + (e.component() > 0 ? "." + e.component() : "");
    }

    private static String quoted(String value) {
        if (value == null || value.isBlank()) {
            return "the value";
        }
        return "'" + (value.length() > 35 ? value.substring(0, 35) + "..." : value) + "'";
    }

    private static String adviceOf(Element code, String ns) throws IOException {
        for (Element a : children(code, ns, "advice")) {
            String text = normal(a.getTextContent());
            if (!text.isEmpty()) {
                return text;
            }
        }
        return null;
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static java.util.List<Element> children(Element parent, String ns, String name) {
        java.util.List<Element> out = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && ns.equals(el.getNamespaceURI()) && name.equals(el.getLocalName())) {
                out.add(el);
            }
        }
        return out;
    }

    private static Document parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilder b = SecureXml.documentBuilderFactory().newDocumentBuilder();
            return b.parse(in, file.toUri().toString());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
