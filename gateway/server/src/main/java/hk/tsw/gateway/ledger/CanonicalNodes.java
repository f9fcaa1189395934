package hk.tsw.gateway.ledger;

import java.util.List;

import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.streams.Steps;

/** Reading a canonical document's elements by name: the ledger's applications and declarations share these. */
final class CanonicalNodes {

    private CanonicalNodes() {
    }

    static List<XdmNode> children(XdmNode parent, String name) {
        return parent == null ? List.of() : parent.select(Steps.child(name)).asListOfNodes();
    }

    static XdmNode child(XdmNode parent, String name) {
        return parent == null ? null : parent.select(Steps.child(name)).asOptionalNode().orElse(null);
    }

    /** The element's trimmed text, or null when it is absent or empty. */
    static String text(XdmNode n) {
        if (n == null) {
            return null;
        }
        String s = n.getStringValue().trim();
        return s.isEmpty() ? null : s;
    }
}
