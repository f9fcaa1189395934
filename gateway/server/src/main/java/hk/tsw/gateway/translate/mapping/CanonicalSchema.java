package hk.tsw.gateway.translate.mapping;

import java.net.URL;

import javax.xml.validation.Schema;

import hk.tsw.gateway.security.SecureXml;
import org.xml.sax.SAXException;

/** The canonical trade document schema, loaded from the classpath copy of {@code xsd/canonical/}. */
public final class CanonicalSchema {

    public static final String NAMESPACE = "urn:hk:tsw:canonical:trade-document:1";
    private static final String RESOURCE = "/canonical/trade-document.xsd";

    private CanonicalSchema() {
    }

    public static Schema load() {
        URL url = CanonicalSchema.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("canonical schema " + RESOURCE + " is not on the classpath");
        }
        try {
            return SecureXml.schema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("canonical schema " + RESOURCE + " does not compile: " + e.getMessage(), e);
        }
    }
}
