package hk.tsw.gateway.intake.soap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.intake.soap.contract.GatewayFault;
import hk.tsw.gateway.intake.soap.contract.LocatedError;
import hk.tsw.gateway.intake.soap.contract.NamespaceBinding;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Makes the engine's XPaths (local names with positions, {@code /MetaData/Declaration/...}) ones a partner can
 * evaluate on the namespaced document it sent: each step gets the prefix of its element's namespace, found by walking
 * the submitted declaration, and the fault lists the bindings ({@code Namespace}). The document's own prefixes are
 * kept where they are unambiguous; elements in a default namespace get {@code ns1}, {@code ns2}, ... A first element
 * among same-named siblings gets an explicit {@code [1]}, so each XPath selects exactly one element.
 */
final class PrefixedXPaths {

    private static final Pattern STEP = Pattern.compile("([^\\[]+)(?:\\[(\\d+)])?");

    private final Element root;
    private final Map<String, String> prefixByUri = new LinkedHashMap<>();

    PrefixedXPaths(Element root) {
        this.root = root;
    }

    /** Rewrites every error's XPath of the fault and adds the bindings they use. */
    void apply(GatewayFault fault) {
        for (LocatedError e : fault.getError()) {
            e.setXPath(prefixed(e.getXPath()));
        }
        prefixByUri.forEach((uri, prefix) -> {
            NamespaceBinding b = new NamespaceBinding();
            b.setPrefix(prefix);
            b.setValue(uri);
            fault.getNamespace().add(b);
        });
    }

    /** The XPath with prefixes on every step that names an element of the document; the rest as it was. */
    String prefixed(String xpath) {
        if (xpath == null || !xpath.startsWith("/") || xpath.length() == 1) {
            return xpath;
        }
        String[] steps = xpath.substring(1).split("/");
        StringBuilder out = new StringBuilder();
        Element current = null;
        for (int i = 0; i < steps.length; i++) {
            Matcher m = STEP.matcher(steps[i]);
            Element next = null;
            if (m.matches() && !steps[i].startsWith("@") && !steps[i].contains(":")) {
                int position = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                next = i == 0 ? (m.group(1).equals(root.getLocalName()) ? root : null)
                        : child(current, m.group(1), position);
            }
            if (next == null) {
                for (int j = i; j < steps.length; j++) {
                    out.append('/').append(steps[j]);
                }
                break;
            }
            String uri = next.getNamespaceURI();
            // a first element with same-named siblings gets its [1], so the XPath selects it alone
            String step = m.group(2) == null && i > 0 && child(current, m.group(1), 2) != null ? steps[i] + "[1]" : steps[i];
            out.append('/').append(uri == null ? "" : prefixFor(uri, next.getPrefix()) + ":").append(step);
            current = next;
        }
        return out.toString();
    }

    private String prefixFor(String uri, String documentPrefix) {
        return prefixByUri.computeIfAbsent(uri, u -> documentPrefix != null && !prefixByUri.containsValue(documentPrefix)
                ? documentPrefix : free());
    }

    private String free() {
        for (int n = 1; ; n++) {
            if (!prefixByUri.containsValue("ns" + n)) {
                return "ns" + n;
            }
        }
    }

    private static Element child(Element parent, String localName, int position) {
        int seen = 0;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && ++seen == position) {
                return e;
            }
        }
        return null;
    }
}
