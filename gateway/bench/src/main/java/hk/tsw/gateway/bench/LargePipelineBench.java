package hk.tsw.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.sshd.client.SshClient;

/**
 * The large interchange through the running gateway (issue 16): the gateway in its own JVM with {@code -Xmx256m},
 * the file uploaded over SFTP by the demo forwarder, every declaration awaited at both of its agencies (CED and CSD).
 * Reports the peak heap from the child's GC log ({@code large.pipeline.peakHeapMb}), the time from the upload's
 * start to the last delivery and whether it passed; a gateway that ran out of heap ends the part with its reason.
 */
final class LargePipelineBench {

    /** Agencies per generated declaration (config/routing.xml: CED and CSD). */
    private static final int AGENCIES_PER_DECLARATION = 2;

    private LargePipelineBench() {
    }

    static void run(BenchOptions options, BenchReport report, Consumer<String> progress, Path file, int messages)
            throws Exception {
        Path dir = options.work().resolve("large-pipeline-" + System.currentTimeMillis());
        boolean passed = false;
        try (GatewayUnderTest gut = GatewayUnderTest.start(options, dir, Map.of("gateway.sftp.settle.ms", "200",
                "gateway.sftp.max.file.bytes", String.valueOf(Files.size(file) + (8 << 20))),
                List.of(), "256m")) {
            GatewayChild gateway = gut.process();
            try {
                gateway.awaitReady(options.startTimeout());
                gateway.awaitListeners(options.startTimeout());
                progress.accept("large: uploading " + (Files.size(file) >> 20) + " MB over SFTP");
                long start = System.nanoTime();
                SshClient client = SftpUploader.client(options.sftp().timeout());
                try (SftpUploader sftp = new SftpUploader(client, gut.config(), "demofwd", gut.sftpPort())) {
                    sftp.upload("large.edi", file);
                } finally {
                    client.stop();
                }
                await(gut, messages * AGENCIES_PER_DECLARATION, Duration.ofMinutes(options.quick() ? 30 : 180), progress);
                report.add("large", "pipeline.seconds", BenchReport.round((System.nanoTime() - start) / 1e9),
                        "s, upload start to the last of " + messages * AGENCIES_PER_DECLARATION + " deliveries");
                report.add("large", "pipeline.cpuSeconds", BenchReport.round(gateway.cpuSeconds()), "CPU-s of the gateway");
                passed = true;
            } catch (RuntimeException e) {
                report.add("large", "pipeline.failed", e.getMessage(), "see " + dir.resolve("gateway.log"));
            } finally {
                report.add("large", "pipeline.peakHeapMb", gateway.peakHeapMb(),
                        "MB, the gateway's peak heap (GC log), -Xmx256m");
                report.add("large", "pipeline.passed", passed, "every declaration delivered to both its agencies");
            }
        }
    }

    /** As {@link GatewayUnderTest#awaitDeliveries}, ending at once if the gateway JVM ends (out of heap). */
    private static void await(GatewayUnderTest gut, int expected, Duration timeout, Consumer<String> progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        while (gut.agencies().distinctDeliveries() < expected) {
            if (!gut.process().alive()) {
                throw new IllegalStateException("the gateway ended after " + gut.agencies().distinctDeliveries()
                        + " of " + expected + " deliveries");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + gut.agencies().distinctDeliveries() + " of " + expected
                        + " deliveries within " + timeout);
            }
            if (System.nanoTime() - lastReport > 30e9) {
                progress.accept("large: " + gut.agencies().distinctDeliveries() + " of " + expected + " deliveries");
                lastReport = System.nanoTime();
            }
            Thread.sleep(500);
        }
    }
}
