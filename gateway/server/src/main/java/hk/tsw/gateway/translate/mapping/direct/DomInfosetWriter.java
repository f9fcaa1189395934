package hk.tsw.gateway.translate.mapping.direct;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import hk.tsw.gateway.security.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Builds the tree as a W3C DOM, shaped as Smooks' DOM sink gives Daffodil's infoset. */
final class DomInfosetWriter implements InfosetWriter {

    private static final DocumentBuilderFactory FACTORY = SecureXml.documentBuilderFactory();

    private final Document doc;
    private final String namespace;
    private final String prefix;
    private Node current;

    DomInfosetWriter(String namespace, String prefix) {
        try {
            synchronized (FACTORY) {
                this.doc = FACTORY.newDocumentBuilder().newDocument();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        this.namespace = namespace;
        this.prefix = prefix;
        this.current = doc;
    }

    Document document() {
        return doc;
    }

    @Override
    public void startQualified(String localName) {
        Element e = doc.createElementNS(namespace, prefix + ":" + localName);
        if (current == doc) {
            e.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + prefix, namespace);
        }
        current = current.appendChild(e);
    }

    @Override
    public void start(String localName) {
        current = current.appendChild(doc.createElementNS(null, localName));
    }

    @Override
    public void leaf(String localName, String text) {
        Element e = doc.createElementNS(null, localName);
        if (!text.isEmpty()) {
            e.appendChild(doc.createTextNode(text));
        }
        current.appendChild(e);
    }

    @Override
    public void end() {
        current = current.getParentNode();
    }
}
