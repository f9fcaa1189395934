package hk.tsw.gateway.translate.mapping.direct;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.sf.saxon.Configuration;
import net.sf.saxon.event.ReceiverOption;
import net.sf.saxon.expr.parser.Loc;
import net.sf.saxon.om.EmptyAttributeMap;
import net.sf.saxon.om.FingerprintedQName;
import net.sf.saxon.om.NamePool;
import net.sf.saxon.om.NamespaceMap;
import net.sf.saxon.om.NamespaceUri;
import net.sf.saxon.om.NoNamespaceName;
import net.sf.saxon.om.NodeName;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.str.StringView;
import net.sf.saxon.trans.XPathException;
import net.sf.saxon.tree.tiny.TinyBuilder;
import net.sf.saxon.type.Untyped;

/**
 * Builds the tree straight into a Saxon tiny tree (what the mapping stylesheets read): the events a
 * {@code DocumentBuilder}'s stream writer would send its tree builder, without the writer's per-event name, namespace
 * and character checks, and with each element name looked up in the name pool once per processor, not once per
 * element. The tree is the same: same names, the directory's namespace declared on the root and in scope below it,
 * untyped elements, text only where a value is not empty. The builder takes no lock per element ({@link TinyTrees}).
 */
final class TinyInfosetWriter implements InfosetWriter {

    /** Element names of one name pool, each allocated once (the same few hundred names recur in every message). */
    static final class Names {
        private final NamePool pool;
        private final Map<String, NodeName> plain = new ConcurrentHashMap<>();
        private final Map<String, NodeName> qualified = new ConcurrentHashMap<>();

        Names(NamePool pool) {
            this.pool = pool;
        }

        NamePool pool() {
            return pool;
        }

        NodeName plain(String localName) {
            NodeName n = plain.get(localName);
            if (n == null) {
                n = new NoNamespaceName(localName, pool.allocateFingerprint(NamespaceUri.NULL, localName));
                plain.putIfAbsent(localName, n);
            }
            return n;
        }

        NodeName qualified(String prefix, NamespaceUri uri, String localName) {
            String key = uri + "}" + prefix + ":" + localName;
            NodeName n = qualified.get(key);
            if (n == null) {
                n = new FingerprintedQName(prefix, uri, localName, pool.allocateFingerprint(uri, localName));
                qualified.putIfAbsent(key, n);
            }
            return n;
        }
    }

    private static final Map<NamePool, Names> BY_POOL = new ConcurrentHashMap<>();

    private final TinyBuilder out;
    private final Names names;
    private final String prefix;
    private final NamespaceUri uri;
    private final NamespaceMap scope;

    TinyInfosetWriter(Configuration config, String namespace, String prefix) {
        this.names = names(config.getNamePool());
        this.prefix = prefix;
        this.uri = NamespaceUri.of(namespace);
        this.scope = NamespaceMap.of(prefix, uri);
        this.out = TinyTrees.builder(config.makePipelineConfiguration());
        try {
            out.open();
            out.startDocument(ReceiverOption.NONE);
        } catch (XPathException e) {
            throw new IllegalStateException("cannot start a Saxon tree: " + e.getMessage(), e);
        }
    }

    /** One cache per name pool (in practice one: the engine's processor), kept for the life of the pool. */
    private static Names names(NamePool pool) {
        Names n = BY_POOL.get(pool);
        if (n == null) {
            if (BY_POOL.size() > 16) {
                BY_POOL.clear(); // tests start many processors: never let old pools pile up
            }
            n = BY_POOL.computeIfAbsent(pool, Names::new);
        }
        return n;
    }

    XdmNode document() {
        try {
            out.endDocument();
            out.close();
            return new XdmNode(out.getCurrentRoot());
        } catch (XPathException e) {
            throw new IllegalStateException("cannot finish a Saxon tree: " + e.getMessage(), e);
        }
    }

    @Override
    public void startQualified(String localName) {
        element(names.qualified(prefix, uri, localName));
    }

    @Override
    public void start(String localName) {
        element(names.plain(localName));
    }

    @Override
    public void leaf(String localName, String text) {
        element(names.plain(localName));
        try {
            if (!text.isEmpty()) {
                out.characters(StringView.of(text), Loc.NONE, ReceiverOption.NONE);
            }
            out.endElement();
        } catch (XPathException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void end() {
        try {
            out.endElement();
        } catch (XPathException e) {
            throw new IllegalStateException(e);
        }
    }

    private void element(NodeName name) {
        try {
            out.startElement(name, Untyped.getInstance(), EmptyAttributeMap.getInstance(), scope, Loc.NONE,
                    ReceiverOption.NONE);
        } catch (XPathException e) {
            throw new IllegalStateException(e);
        }
    }
}
