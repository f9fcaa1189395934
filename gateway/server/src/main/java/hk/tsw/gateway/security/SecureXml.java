package hk.tsw.gateway.security;

import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

import net.sf.saxon.lib.Feature;
import net.sf.saxon.s9api.Processor;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * The one place where the gateway gets XML parsers, schema factories and XSLT processors. Everything here refuses
 * DTDs (so no external entities and no entity expansion), never fetches a URL on behalf of a document, and pins the
 * JDK's own implementations, because the classpath would otherwise hand us Smooks' shaded Xerces, Daffodil's
 * xercesImpl or Aalto, each with other defaults. Size, depth, element and attribute limits are enforced by
 * {@link XmlLimits} while parsing.
 */
public final class SecureXml {

    private SecureXml() {
    }

    /** Namespace-aware SAX parser factory that rejects any DOCTYPE. */
    public static SAXParserFactory saxParserFactory() {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("cannot harden the SAX parser", e);
        }
        return f;
    }

    /** One hardened factory per thread: building and hardening a factory costs more than the parse it serves. */
    private static final ThreadLocal<SAXParserFactory> SAX_FACTORY = ThreadLocal.withInitial(SecureXml::saxParserFactory);

    /**
     * A fresh, hardened, namespace-aware SAX reader (from this thread's factory, see {@link #saxParserFactory()}).
     * Readers are not shared: each parse gets its own.
     */
    public static org.xml.sax.XMLReader xmlReader() {
        try {
            return SAX_FACTORY.get().newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create the hardened SAX parser", e);
        }
    }

    /** Namespace-aware DOM builder factory that rejects any DOCTYPE. */
    public static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot harden the DOM parser", e);
        }
        return f;
    }

    /** StAX factory with DTDs and external entities off. */
    public static XMLInputFactory xmlInputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f;
    }

    /**
     * Compiles a trusted schema from a local file. Its own xs:import/xs:include of local files are allowed; nothing
     * over the network, no DTDs.
     */
    public static Schema schema(Path xsd) throws SAXException {
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        return f.newSchema(xsd.toFile());
    }

    /** Compiles a trusted schema from the classpath (with its local includes). */
    public static Schema schema(java.net.URL xsd) throws SAXException {
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        return f.newSchema(xsd);
    }

    /** A validator that cannot be made to fetch anything by the instance (xsi:schemaLocation, DTD). */
    public static Validator validator(Schema schema) throws SAXException {
        Validator v = schema.newValidator();
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return v;
    }

    /** A streaming validator with the same restrictions as {@link #validator(Schema)}. */
    public static ValidatorHandler validatorHandler(Schema schema) throws SAXException {
        ValidatorHandler v = schema.newValidatorHandler();
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return v;
    }

    /**
     * Saxon-HE processor that may not fetch any resource by URI at run time (doc(), unparsed-text(), xsl:include
     * outside the resolver the mapping catalog gives the compiler). Saxon ignores the JAXP access properties; this
     * is its own switch.
     */
    public static Processor saxon() {
        Processor p = new Processor(false);
        p.setConfigurationProperty(Feature.ALLOWED_PROTOCOLS, "");
        p.setConfigurationProperty(Feature.DTD_VALIDATION, false);
        p.setConfigurationProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
        return p;
    }
}
