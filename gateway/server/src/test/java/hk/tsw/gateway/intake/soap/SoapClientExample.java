package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Assumptions;

/**
 * What the client example tests share (each runs an example of {@code docs/clients/} in a toolkit independent of the
 * gateway's, as a process of its own, against the real SOAP service): the check that the toolkit is there (outside CI
 * a machine without it skips the test; under {@code CI=true}, where {@code .ci/run} installs it, it fails instead),
 * and the one scenario every example passes.
 */
final class SoapClientExample {

    private SoapClientExample() {
    }

    /** Skips the test class outside CI when {@code ready} is false, and fails it in CI. */
    static void requireToolkit(boolean ready, String missingHere, String missingInCi) {
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(ready, missingHere);
        }
        assertTrue(ready, missingInCi);
    }

    /**
     * The demo forwarder's import sample with a fresh reference ({@code prefix} and a counter) is submitted by
     * {@code command} (given the WSDL URL, user, password and file) and the example prints its receipt and status; the
     * same with a wrong password prints a fault (the control).
     */
    static void submitsAndReadsStatus(SoapGateway soap, String prefix, String... command) throws Exception {
        String ref = prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Path edi = Files.createTempFile(prefix.toLowerCase(), ".edi");
        Files.writeString(edi, Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1).replace("WH25031200017", ref), StandardCharsets.ISO_8859_1);
        String out = run(command, soap.url + "?wsdl", "demofwd", SoapGateway.DEMOFWD_PASSWORD, edi.toString());
        assertTrue(out.contains("State RECEIVED Reference " + ref) && out.contains("Status "), out);
        String wrong = run(command, soap.url + "?wsdl", "demofwd", "not-the-password", edi.toString());
        assertEquals("FAULT", wrong.strip().split(" ")[0], "control: a wrong password is a fault " + wrong);
        assertTrue(wrong.contains("FailedAuthentication"), wrong);
    }

    private static String run(String[] command, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
