package hk.tsw.gateway.translate.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import javax.xml.namespace.QName;

import hk.tsw.gateway.translate.LocatedError;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import hk.tsw.gateway.security.SecureXml;
import hk.tsw.gateway.security.XmlLimits;

/**
 * Reads an inbound XML document safely: hardened parser, limits, schema validation in the same streaming pass,
 * every validation error collected with its line and XPath, and the result built straight into a Saxon tree for
 * the mapping stylesheet. Nothing here throws for bad input; problems come back as {@link LocatedError}s.
 */
public final class XmlFrontDoor {

    private final SAXParserFactory parsers = SecureXml.saxParserFactory();
    private final Processor saxon;
    private final XmlLimits limits;

    /** A parsed document (null when it could not be read) with its problems and a way to locate XPaths. */
    public record Parsed(XdmNode document, List<LocatedError> errors, LocatingFilter locations) {
    }

    public XmlFrontDoor(Processor saxon, XmlLimits limits) {
        this.saxon = saxon;
        this.limits = limits;
    }

    /** The namespace and local name of the root element, read with a hardened StAX parser; null if unreadable. */
    public QName rootElement(byte[] xml) {
        try {
            java.util.Optional<java.nio.charset.Charset> legacy = DeclaredEncoding.legacy(xml);
            XMLStreamReader r = legacy.isPresent()
                    ? SecureXml.xmlInputFactory().createXMLStreamReader(DeclaredEncoding.reader(xml, legacy.get()))
                    : SecureXml.xmlInputFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD) {
                        return null;
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        return r.getName();
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        }
        return null;
    }

    public XmlLimits limits() {
        return limits;
    }

    /** Parses and, when {@code schema} is not null, validates. */
    public Parsed read(byte[] xml, Schema schema, String documentRef) {
        List<LocatedError> errors = new ArrayList<>();
        LocatingFilter filter = new LocatingFilter(limits);
        if (xml.length > limits.maxBytes()) {
            errors.add(LocatedError.xml(documentRef, 0, "/", null, "the document is " + xml.length
                    + " bytes; the gateway accepts at most " + limits.maxBytes()));
            return new Parsed(null, errors, filter);
        }
        try {
            XMLReader reader = parsers.newSAXParser().getXMLReader();
            filter.setParent(reader);
            BuildingContentHandler builder = saxon.newDocumentBuilder().newBuildingContentHandler();
            ErrorHandler collector = new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    String path = filter.currentPath();
                    if (followOn(e.getMessage()) && !errors.isEmpty() && path.equals(errors.get(errors.size() - 1).xpath())) {
                        return; // Xerces' second report of the same bad value: one error per value
                    }
                    errors.add(LocatedError.xml(documentRef, line(e), path, null, readable(e.getMessage())));
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            };
            if (schema != null) {
                ValidatorHandler validator = SecureXml.validatorHandler(schema);
                validator.setErrorHandler(collector);
                validator.setContentHandler(builder);
                filter.setContentHandler(validator);
            } else {
                filter.setContentHandler(builder);
            }
            filter.setErrorHandler(collector);
            java.util.Optional<java.nio.charset.Charset> legacy = DeclaredEncoding.legacy(xml);
            filter.parse(legacy.isPresent() ? new InputSource(DeclaredEncoding.reader(xml, legacy.get()))
                    : new InputSource(new ByteArrayInputStream(xml)));
            return new Parsed(errors.isEmpty() ? builder.getDocumentNode() : null, errors, filter);
        } catch (SAXParseException e) {
            errors.add(LocatedError.xml(documentRef, line(e), filter.currentPath(), null,
                    "the document is not well-formed or not allowed: " + readable(e.getMessage())));
        } catch (java.nio.charset.CharacterCodingException e) {
            errors.add(LocatedError.xml(documentRef, filter.line(), filter.currentPath(), null,
                    "bytes that are not valid " + DeclaredEncoding.legacy(xml).map(java.nio.charset.Charset::name)
                            .orElse("in the declared encoding") + " (the encoding the document declares) after line "
                            + filter.line() + "; nothing was replaced or guessed"));
        } catch (SAXException | IOException | ParserConfigurationException | SaxonApiException | RuntimeException e) {
            errors.add(LocatedError.xml(documentRef, filter.line(), filter.currentPath(), null,
                    "the document cannot be read: " + readable(String.valueOf(e.getMessage()))));
        }
        return new Parsed(null, errors, filter);
    }

    /**
     * The reports Xerces adds after a datatype or facet error on the same value ("must have no element children, and
     * the value must be valid", "The value ... is not valid", the attribute's equivalent): nothing new to the sender.
     */
    static boolean followOn(String message) {
        return message != null && (message.startsWith("cvc-type.3.1.3") || message.startsWith("cvc-complex-type.2.2")
                || message.startsWith("cvc-attribute.3") || message.startsWith("cvc-elt.5.2.2"));
    }

    /** SAX says -1 when it does not know the line (e.g. an encoding it cannot read); a {@link LocatedError} says 0. */
    private static int line(SAXParseException e) {
        return Math.max(0, e.getLineNumber());
    }

    /** Drops the Xerces message keys (cvc-complex-type.2.4.a: ...) but keeps the explanation. */
    static String readable(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.replaceFirst("^cvc-[a-zA-Z0-9.\\-]+: ", "").trim();
    }
}
