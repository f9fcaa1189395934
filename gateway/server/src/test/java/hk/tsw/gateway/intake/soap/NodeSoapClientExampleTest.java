package hk.tsw.gateway.intake.soap;

import java.nio.file.Files;
import java.nio.file.Path;

import hk.tsw.gateway.testsupport.TestEngine;
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
        SoapClientExample.requireToolkit(Files.isDirectory(EXAMPLE.resolve("node_modules/soap"))
                && new ProcessBuilder("node", "--version").start().waitFor() == 0,
                "node or docs/clients/node/node_modules missing (npm ci there)",
                "node and docs/clients/node/node_modules must be there (.ci/run runs npm ci)");
        soap = SoapGateway.get();
    }

    @Test
    void the_node_soap_example_submits_an_interchange_and_reads_its_status() throws Exception {
        SoapClientExample.submitsAndReadsStatus(soap, "NODE", "node", EXAMPLE.resolve("submit.js").toString());
    }
}
