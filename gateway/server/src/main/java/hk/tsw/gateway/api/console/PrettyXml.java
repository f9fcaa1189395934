package hk.tsw.gateway.api.console;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import hk.tsw.gateway.security.SecureXml;
import net.sf.saxon.TransformerFactoryImpl;
import org.w3c.dom.Document;

/**
 * Indents a canonical document for the message page: parsed with the project's hardened parser ({@link SecureXml}: no
 * DTD, no external entities), serialised by Saxon from the parsed tree (never from untrusted bytes). Empty when the
 * bytes are not well-formed XML (the page then shows them as they are).
 */
final class PrettyXml {

    private PrettyXml() {
    }

    static Optional<String> indent(byte[] xml) {
        try {
            var f = SecureXml.documentBuilderFactory();
            f.setNamespaceAware(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document doc = b.parse(new ByteArrayInputStream(xml));
            Transformer t = new TransformerFactoryImpl().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return Optional.of(out.toString());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
