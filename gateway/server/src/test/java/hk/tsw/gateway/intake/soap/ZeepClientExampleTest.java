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
 * Runs the zeep client example of {@code docs/clients/zeep_submit.py} (Debian's python3-zeep, a toolkit independent of
 * the gateway's) against the real SOAP service: UsernameToken digest plus Timestamp, an EDIFACT interchange, the
 * receipt and the status. Outside CI a machine without python3-zeep skips it; under {@code CI=true} (where
 * {@code .ci/run} installs it) it fails instead.
 */
@org.junit.jupiter.api.extension.ExtendWith(SoapGateway.Closer.class)
class ZeepClientExampleTest {

    static final String PYTHON = "/usr/bin/python3";
    static SoapGateway soap;

    @BeforeAll
    static void start() throws Exception {
        boolean zeep = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import zeep").start().waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(zeep, "python3-zeep is not installed (apt-get install python3-zeep)");
        }
        assertTrue(zeep, "python3-zeep must be installed (.ci/run installs it)");
        soap = SoapGateway.get();
    }

    private static String run(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void the_zeep_example_submits_an_interchange_and_reads_its_status() throws Exception {
        String ref = "ZEEP" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Path edi = Files.createTempFile("zeep", ".edi");
        Files.writeString(edi, Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1).replace("WH25031200017", ref), StandardCharsets.ISO_8859_1);
        String example = TestEngine.REPO.resolve("docs/clients/zeep_submit.py").toString();
        String out = run(PYTHON, example, soap.url + "?wsdl", "demofwd", SoapGateway.DEMOFWD_PASSWORD, edi.toString());
        assertTrue(out.contains("State RECEIVED Reference " + ref) && out.contains("Status "), out);
        String wrong = run(PYTHON, example, soap.url + "?wsdl", "demofwd", "not-the-password", edi.toString());
        assertEquals("FAULT", wrong.strip().split(" ")[0], "control: a wrong password is a fault " + wrong);
        assertTrue(wrong.contains("FailedAuthentication"), wrong);
    }
}
