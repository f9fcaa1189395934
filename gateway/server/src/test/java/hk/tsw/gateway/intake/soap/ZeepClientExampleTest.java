package hk.tsw.gateway.intake.soap;

import java.nio.file.Files;
import java.nio.file.Path;

import hk.tsw.gateway.testsupport.TestEngine;
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
        SoapClientExample.requireToolkit(Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import zeep").start().waitFor() == 0,
                "python3-zeep is not installed (apt-get install python3-zeep)",
                "python3-zeep must be installed (.ci/run installs it)");
        soap = SoapGateway.get();
    }

    @Test
    void the_zeep_example_submits_an_interchange_and_reads_its_status() throws Exception {
        SoapClientExample.submitsAndReadsStatus(soap, "ZEEP", PYTHON,
                TestEngine.REPO.resolve("docs/clients/zeep_submit.py").toString());
    }
}
