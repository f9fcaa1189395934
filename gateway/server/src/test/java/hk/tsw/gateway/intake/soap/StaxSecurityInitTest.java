package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.cxf.ws.security.wss4j.PolicyBasedWSS4JStaxOutInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.helpers.XMLReaderFactory;

/**
 * WSS4J's StAX side initialises on the gateway's class path once {@link StaxSecurityInit} has run, and not without it.
 * The pair runs in fresh JVMs on the test class path: a class whose initialisation failed stays failed for the life of
 * a JVM, so this test JVM (shared by every test class) could not show both outcomes. The third checks, in this JVM,
 * that a running SOAP service has it initialised by the time it answers a request; the rest, that a request waits for
 * the step the gateway starts after it is ready, runs it itself if nobody did, and is not held back if it fails.
 */
@ExtendWith(SoapGateway.Closer.class)
class StaxSecurityInitTest {

    @TempDir
    Path tmp;

    @Test
    void wss4j_stax_side_initialises_after_the_start_up_step_and_no_other_sax_reader_changes() throws Exception {
        String out = probe("with-init");
        assertTrue(out.contains("WSSEC READY"), out);
        // the remedy reaches no further than that one initialisation: the JVM's SAX driver lookup is as it was
        assertTrue(out.contains("SAX DRIVER com.ctc.wstx.sax.WstxSAXParser"), out);
    }

    @Test
    void control_without_the_start_up_step_wss4j_stax_side_cannot_initialise_on_this_class_path() throws Exception {
        String out = probe("without-init");
        assertTrue(out.contains("WSSEC FAILED"), out);
        assertTrue(out.contains("Please specify a correct systemId"), out);
    }

    @Test
    void wss4j_stax_side_is_ready_once_the_soap_service_has_answered_a_request() throws Exception {
        SoapGateway soap = SoapGateway.get();
        // the gate holds every request (this WSDL GET too) until the start-up step has run
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(soap.url + "?wsdl")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode(), wsdl.body());
        // what CXF's WSSecurityPolicyLoader builds at the first request; before the fix this threw
        // ExceptionInInitializerError (or NoClassDefFoundError: Could not initialize class ...WSSec)
        assertDoesNotThrow(() -> new PolicyBasedWSS4JStaxOutInterceptor());
    }

    @Test
    void a_request_that_comes_while_the_background_step_runs_waits_for_it() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        StaxSecurityInit init = new StaxSecurityInit(() -> {
            awaitQuietly(release);
            order.add("initialised");
        });
        init.inBackground();
        Thread request = new Thread(() -> {
            init.await();
            order.add("request");
        });
        request.start();
        // release the step only once the request is parked in await(); a request that did not wait would be done
        // (order: request first) before this loop ends
        while (request.getState() != Thread.State.WAITING && order.isEmpty()) {
            Thread.onSpinWait();
        }
        assertFalse(init.done());
        release.countDown();
        request.join();
        assertEquals(List.of("initialised", "request"), order);
        assertTrue(init.done());
    }

    @Test
    void a_request_that_comes_before_anybody_started_the_step_runs_it_once_itself() {
        AtomicInteger runs = new AtomicInteger();
        List<String> threads = new CopyOnWriteArrayList<>();
        StaxSecurityInit init = new StaxSecurityInit(() -> {
            runs.incrementAndGet();
            threads.add(Thread.currentThread().getName());
        });
        init.await();
        init.await();
        init.inBackground(); // too late: nothing runs twice
        assertEquals(1, runs.get());
        assertEquals(List.of(Thread.currentThread().getName()), threads);
    }

    @Test
    void a_step_that_fails_is_logged_and_does_not_hold_requests_back() {
        StaxSecurityInit init = new StaxSecurityInit(() -> {
            throw new IllegalStateException("WSS4J's StAX side (test) cannot initialise on this class path");
        });
        assertDoesNotThrow(init::await);
        assertTrue(init.done());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String probe(String mode) throws Exception {
        Path out = tmp.resolve(mode + ".txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), mode);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the probe JVM ended");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /** Run in a fresh JVM: initialises WSS4J's StAX side with or without {@link StaxSecurityInit} first. */
    static final class Probe {

        @SuppressWarnings("deprecation") // XMLReaderFactory is the lookup xmlsec uses
        public static void main(String[] args) throws Exception {
            if ("with-init".equals(args[0])) {
                StaxSecurityInit.run();
            }
            try {
                new PolicyBasedWSS4JStaxOutInterceptor();
                System.out.println("WSSEC READY");
            } catch (LinkageError e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                System.out.println("WSSEC FAILED " + e + " <- " + root);
            }
            System.out.println("SAX DRIVER " + XMLReaderFactory.createXMLReader().getClass().getName());
        }
    }
}
