package hk.tsw.gateway.ledger;

import java.util.ArrayList;
import java.util.List;

import net.sf.saxon.om.AxisInfo;
import net.sf.saxon.om.NodeInfo;
import net.sf.saxon.pattern.NodeKindTest;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.tree.iter.AxisIterator;

/**
 * Reading a canonical document's elements by name: the ledger's applications and declarations share these. Child
 * elements are matched by local name in any namespace (as {@code Steps.child(name)} did), walking the tree's own
 * child axis: the s9api step streams cost more than the write-off checks themselves (a profile of the route stage).
 */
final class CanonicalNodes {

    private CanonicalNodes() {
    }

    static List<XdmNode> children(XdmNode parent, String name) {
        if (parent == null) {
            return List.of();
        }
        List<XdmNode> out = new ArrayList<>();
        AxisIterator it = parent.getUnderlyingNode().iterateAxis(AxisInfo.CHILD, NodeKindTest.ELEMENT);
        for (NodeInfo n = it.next(); n != null; n = it.next()) {
            if (n.getLocalPart().equals(name)) {
                out.add(new XdmNode(n));
            }
        }
        return out;
    }

    static XdmNode child(XdmNode parent, String name) {
        if (parent == null) {
            return null;
        }
        AxisIterator it = parent.getUnderlyingNode().iterateAxis(AxisInfo.CHILD, NodeKindTest.ELEMENT);
        for (NodeInfo n = it.next(); n != null; n = it.next()) {
            if (n.getLocalPart().equals(name)) {
                return new XdmNode(n);
            }
        }
        return null;
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
