package hk.tsw.gateway.translate.mapping.direct;

import javax.xml.stream.XMLStreamException;

import net.sf.saxon.s9api.BuildingStreamWriter;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;

/** Builds the tree directly as a Saxon (tiny) tree: what the mapping stylesheets read, with no DOM in between. */
final class SaxonInfosetWriter implements InfosetWriter {

    private final BuildingStreamWriter w;
    private final String namespace;
    private final String prefix;
    private boolean root = true;

    SaxonInfosetWriter(DocumentBuilder builder, String namespace, String prefix) {
        try {
            this.w = builder.newBuildingStreamWriter();
            w.writeStartDocument();
        } catch (SaxonApiException | XMLStreamException e) {
            throw new IllegalStateException("cannot start a Saxon tree: " + e.getMessage(), e);
        }
        this.namespace = namespace;
        this.prefix = prefix;
    }

    XdmNode document() {
        try {
            w.writeEndDocument();
            w.close();
            return w.getDocumentNode();
        } catch (SaxonApiException | XMLStreamException e) {
            throw new IllegalStateException("cannot finish a Saxon tree: " + e.getMessage(), e);
        }
    }

    @Override
    public void startQualified(String localName) {
        try {
            w.writeStartElement(prefix, localName, namespace);
            if (root) {
                w.writeNamespace(prefix, namespace);
                root = false;
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start(String localName) {
        try {
            w.writeStartElement("", localName, "");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void leaf(String localName, String text) {
        try {
            w.writeStartElement("", localName, "");
            if (!text.isEmpty()) {
                w.writeCharacters(text);
            }
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void end() {
        try {
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
