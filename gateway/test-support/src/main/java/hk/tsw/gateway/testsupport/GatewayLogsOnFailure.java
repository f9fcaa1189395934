package hk.tsw.gateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a process-level test fails (or times out), prints the last lines of the log of every gateway JVM the test
 * started, and every thread dump taken of them while it stalled, so that the CI output alone says what the gateway was
 * doing; the whole logs stay under
 * {@code gateway/server/target/it-logs/}.
 */
public final class GatewayLogsOnFailure implements BeforeEachCallback, TestWatcher {

    private static final int LINES = 150;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GatewayLogsOnFailure.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("first", GatewayProcess.LOGS.size());
        context.getStore(NS).put("firstDump", ThreadDumps.DUMPS.size());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Integer first = context.getStore(NS).get("first", Integer.class);
        List<Path> logs = GatewayProcess.LOGS.subList(first == null ? 0 : first, GatewayProcess.LOGS.size());
        System.out.println("=== " + context.getDisplayName() + " failed: " + cause + "; the gateway logs end so:");
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                // the warnings and errors first (the end of the log is often the test's own shutdown of the gateway)
                List<String> problems = lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
                System.out.println("--- first " + Math.min(LINES, problems.size()) + " of " + problems.size()
                        + " warnings and errors in " + log);
                problems.subList(0, Math.min(LINES, problems.size())).forEach(System.out::println);
                System.out.println("--- last " + Math.min(LINES, lines.size()) + " of " + lines.size() + " lines of " + log);
                lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.out::println);
            } catch (Exception e) {
                System.out.println("--- " + log + " cannot be read: " + e);
            }
        }
        Integer firstDump = context.getStore(NS).get("firstDump", Integer.class);
        for (Path dump : ThreadDumps.DUMPS.subList(firstDump == null ? 0 : firstDump, ThreadDumps.DUMPS.size())) {
            System.out.println("--- thread dump " + dump);
            try {
                Files.readAllLines(dump, StandardCharsets.UTF_8).forEach(System.out::println);
            } catch (Exception e) {
                System.out.println("--- " + dump + " cannot be read: " + e);
            }
        }
        System.out.println("=== end of gateway logs");
    }
}
