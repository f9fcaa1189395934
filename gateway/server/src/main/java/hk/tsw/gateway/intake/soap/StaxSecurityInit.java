package hk.tsw.gateway.intake.soap;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Initialises WSS4J's StAX side ({@code org.apache.wss4j.stax.setup.WSSec}, and with it xmlsec's StAX configuration)
 * once, before the SOAP service takes a request, so that CXF's {@code WSSecurityPolicyLoader} finds it ready when the
 * first request makes it read the WS-SecurityPolicy the WSDL publishes.
 *
 * <p>Why it is needed: xmlsec reads its {@code security-config.xml} with {@code SAXParserFactory.newInstance()} (Apache
 * Xerces here) and the files that config {@code xi:include}s with the deprecated {@code XMLReaderFactory
 * .createXMLReader()}, which takes the first {@code META-INF/services/org.xml.sax.driver} on the class path: smooks-core's,
 * naming Woodstox's {@code WstxSAXParser}. That parser hands over a locator without a system id, xmlsec's
 * {@code XIncludeHandler} refuses it, and {@code WSSec}'s class initialisation fails for the life of the JVM: CXF then
 * logs "Could not load or register WS-SecurityPolicy related classes" and "Could not initialize class ...WSSec" at the
 * first request. The gateway checks WS-Security with WSS4J's DOM side ({@link SoapSecurityInterceptor}), so nothing
 * was insecure, but the log read as if it were.
 *
 * <p>The remedy is scoped to this one class initialisation on this thread: the context class loader hides that one
 * service file, so {@code XMLReaderFactory} falls back to the JDK's built-in parser for xmlsec's own (trusted, in-jar)
 * config files. No system property is set: every other parser of the JVM, Smooks' Woodstox SAX reader and the
 * gateway's hardened {@link hk.tsw.gateway.security.SecureXml} factories included, stays as it was.
 *
 * <p>Throws {@link IllegalStateException} when WSS4J's StAX side still cannot initialise (a class path change): the
 * gateway then refuses to start its SOAP service rather than log a misleading security error at the first request.
 */
final class StaxSecurityInit {

    static final String WSSEC = "org.apache.wss4j.stax.setup.WSSec";
    private static final String SAX_DRIVER_SERVICE = "META-INF/services/org.xml.sax.driver";

    private StaxSecurityInit() {
    }

    /** Initialises {@code WSSec} if that has not happened yet in this JVM; a no-op afterwards. */
    static void run() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        ClassLoader own = StaxSecurityInit.class.getClassLoader();
        thread.setContextClassLoader(new WithoutSaxDriverService(original != null ? original : own));
        try {
            Class.forName(WSSEC, true, own);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("WSS4J's StAX side (" + WSSEC + ") cannot initialise on this class path",
                    e);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    /** Its parent's resources and classes, less {@code META-INF/services/org.xml.sax.driver}. */
    private static final class WithoutSaxDriverService extends ClassLoader {

        WithoutSaxDriverService(ClassLoader parent) {
            super(parent);
        }

        @Override
        public URL getResource(String name) {
            return SAX_DRIVER_SERVICE.equals(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return SAX_DRIVER_SERVICE.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }
    }
}
