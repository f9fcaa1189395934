package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the node {@code soap} client example of {@code docs/clients/node/submit.js} (npm, a toolkit independent of the
 * gateway's) against the real SOAP service: UsernameToken digest with Nonce and a Timestamp, an EDIFACT interchange
 * with its contentType attribute, the receipt and the status. Outside CI a machine without node or the example's
 * {@code node_modules} skips it; under {@code CI=true} (where {@code .ci/run} runs {@code npm ci}) it fails instead.
 */
@org.junit.jupiter.api.extension.ExtendWith(SoapGateway.Closer.class)
class NodeSoapClientExampleTest {

    static final Path EXAMPLE = TestEngine.REPO.resolve("docs/clients/node");
    static SoapGateway soap;

    @BeforeAll
    static void start() throws Exception {
        boolean ready = Files.isDirectory(EXAMPLE.resolve("node_modules/soap"))
                && new ProcessBuilder("node", "--version").start().waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(ready, "node or docs/clients/node/node_modules missing (npm ci there)");
        }
        assertTrue(ready, "node and docs/clients/node/node_modules must be there (.ci/run runs npm ci)");
        soap = SoapGateway.get();
    }

    private static String run(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void the_node_soap_example_submits_an_interchange_and_reads_its_status() throws Exception {
        String ref = "NODE" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Path edi = Files.createTempFile("node", ".edi");
        Files.writeString(edi, Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1).replace("WH25031200017", ref), StandardCharsets.ISO_8859_1);
        String example = EXAMPLE.resolve("submit.js").toString();
        String out = run("node", example, soap.url + "?wsdl", "demofwd", SoapGateway.DEMOFWD_PASSWORD, edi.toString());
        assertTrue(out.contains("State RECEIVED Reference " + ref) && out.contains("Status "), out);
        String wrong = run("node", example, soap.url + "?wsdl", "demofwd", "not-the-password", edi.toString());
        assertEquals("FAULT", wrong.strip().split(" ")[0], "control: a wrong password is a fault " + wrong);
        assertTrue(wrong.contains("FailedAuthentication"), wrong);
    }
}
