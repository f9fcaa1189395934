package hk.tsw.gateway.intake.soap;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>When: not on the way to ready (it costs about a CPU-second on a cold JVM, a fifth of the whole start). The gateway
 * starts it on a thread of its own once it is ready ({@link #inBackground()}); {@link StaxSecurityGate} holds every SOAP
 * request (the WSDL's too) until it has finished, so CXF never reaches {@code WSSec} first; a request that comes
 * before anybody started it runs it itself. If it fails (a class path change), that is logged once as an ERROR and
 * requests go on: the gateway's WS-Security checks do not use WSS4J's StAX side.
 */
final class StaxSecurityInit {

    private static final Logger LOG = LoggerFactory.getLogger(StaxSecurityInit.class);
    static final String WSSEC = "org.apache.wss4j.stax.setup.WSSec";
    private static final String SAX_DRIVER_SERVICE = "META-INF/services/org.xml.sax.driver";

    private final FutureTask<Void> task;

    StaxSecurityInit() {
        this(StaxSecurityInit::run);
    }

    /** {@code work} is what runs once ({@link #run()} in the gateway; tests give their own). */
    StaxSecurityInit(Runnable work) {
        this.task = new FutureTask<>(() -> once(work), null);
    }

    private static void once(Runnable work) {
        long t0 = System.nanoTime();
        try {
            work.run();
            LOG.info("WSS4J's StAX side initialised in {} ms (SOAP requests wait for it)", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("WSS4J's StAX side could not initialise; CXF will log 'Could not load or register WS-SecurityPolicy"
                    + " related classes' at the first SOAP request. WS-Security is still checked (WSS4J's DOM side)", e);
        }
    }

    /** Runs it on a daemon thread of its own (the gateway calls this once it is ready). */
    void inBackground() {
        Thread t = new Thread(task, "soap-wss4j-stax-init");
        t.setDaemon(true);
        t.start();
    }

    /** True once it has run (successfully or not). */
    boolean done() {
        return task.isDone();
    }

    /** Waits until it has run, running it on this thread if nobody has started it yet. */
    void await() {
        task.run(); // returns at once if it has run or is running elsewhere
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // once() catches what work throws: not expected
        }
    }

    /**
     * Initialises {@code WSSec} on this thread if that has not happened yet in this JVM (a no-op afterwards); throws
     * {@link IllegalStateException} when it cannot.
     */
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
