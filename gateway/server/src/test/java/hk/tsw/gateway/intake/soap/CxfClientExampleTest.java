package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.ToolProvider;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles the CXF client example of {@code docs/clients/cxf/CxfSubmit.java} against the test classpath (CXF is
 * there) and runs it against the real SOAP service: a Dispatch of the payload with CXF's WS-Security interceptor.
 */
@org.junit.jupiter.api.extension.ExtendWith(SoapGateway.Closer.class)
class CxfClientExampleTest {

    static SoapGateway soap;

    @BeforeAll
    static void start() throws Exception {
        soap = SoapGateway.get();
    }

    private static String run(Path classes, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                CxfClientExampleTest.class.getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass("CxfSubmit").getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_cxf_example_submits_an_interchange() throws Exception {
        Path classes = Files.createTempDirectory("cxf-example");
        Path source = TestEngine.REPO.resolve("docs/clients/cxf/CxfSubmit.java");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));
        String ref = "CXF" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Path edi = Files.createTempFile("cxf", ".edi");
        Files.writeString(edi, Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1).replace("WH25031200017", ref), StandardCharsets.ISO_8859_1);
        String out = run(classes, soap.url + "?wsdl", "demofwd", SoapGateway.DEMOFWD_PASSWORD, edi.toString());
        assertTrue(out.startsWith("RECEIPT") && out.contains("<State>RECEIVED</State>") && out.contains(ref), out);
        String wrong = run(classes, soap.url + "?wsdl", "demofwd", "not-the-password", edi.toString());
        assertTrue(wrong.startsWith("FAULT FailedAuthentication"), "control: a wrong password " + wrong);
    }
}
