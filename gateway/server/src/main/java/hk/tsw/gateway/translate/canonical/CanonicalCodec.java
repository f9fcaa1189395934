package hk.tsw.gateway.translate.canonical;

import java.io.ByteArrayInputStream;

import javax.xml.transform.sax.SAXSource;

import hk.tsw.gateway.translate.canonical.model.ObjectFactory;
import hk.tsw.gateway.translate.canonical.model.TradeDocumentType;
import hk.tsw.gateway.security.SecureXml;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import org.xml.sax.InputSource;

/**
 * Reads canonical documents into the JAXB model generated from {@code xsd/canonical/} (routing and answers work on
 * typed fields, not XPath strings). The JAXB context is built once; unmarshallers are cheap and not thread-safe, so
 * one is made per call. Parsing goes through the hardened SAX parser.
 */
public final class CanonicalCodec {

    private final JAXBContext context;

    public CanonicalCodec() {
        try {
            context = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the canonical JAXB model does not load", e);
        }
    }

    public TradeDocumentType read(byte[] xml) {
        try {
            var reader = SecureXml.xmlReader();
            SAXSource source = new SAXSource(reader, new InputSource(new ByteArrayInputStream(xml)));
            JAXBElement<TradeDocumentType> doc = context.createUnmarshaller().unmarshal(source, TradeDocumentType.class);
            return doc.getValue();
        } catch (JAXBException e) {
            throw new IllegalArgumentException("not a canonical trade document: " + e.getMessage(), e);
        }
    }
}
