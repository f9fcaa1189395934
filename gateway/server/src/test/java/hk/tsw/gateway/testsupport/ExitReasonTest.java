package hk.tsw.gateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that failed names its reason in the exception, read from the process's log. */
class ExitReasonTest {

    @TempDir
    Path dir;

    @Test
    void the_commands_own_line_wins_over_later_errors() throws Exception {
        Path log = write("12:00:01.000 INFO  [main] starting",
                "12:00:02.000 ERROR [main] o.a.c.Something - bind failed",
                "the gateway could not start: Address already in use: 127.0.0.1:40123",
                "12:00:03.000 ERROR [shutdown] closing after a failed start");
        assertEquals("the gateway exited with 2 (the gateway could not start: Address already in use: 127.0.0.1:40123);"
                + " see " + log, ExitReason.of("the gateway", 2, log));
    }

    @Test
    void without_it_the_last_error_line_then_the_last_line() throws Exception {
        Path errors = write("12:00:01.000 INFO  [main] starting", "12:00:02.000 ERROR [main] journal locked",
                "12:00:03.000 INFO  [main] stopping");
        assertEquals("the broker exited with 1 (12:00:02.000 ERROR [main] journal locked); see " + errors,
                ExitReason.of("the broker", 1, errors));
        Path plain = write("Error: Could not find or load main class X");
        assertEquals("the gateway exited with 1 (Error: Could not find or load main class X); see " + plain,
                ExitReason.of("the gateway", 1, plain));
    }

    @Test
    void an_empty_or_missing_log_says_so_and_a_long_line_is_cut() throws Exception {
        Path empty = write();
        assertEquals("the gateway exited with 2 (log empty); see " + empty, ExitReason.of("the gateway", 2, empty));
        Path missing = dir.resolve("none.log");
        assertEquals(true, ExitReason.of("the gateway", 2, missing).contains("(log unreadable: "));
        Path longLine = write("internal error: " + "x".repeat(1000));
        String message = ExitReason.of("the gateway", 2, longLine);
        assertEquals("the gateway exited with 2 (internal error: " + "x".repeat(600 - 16) + "...); see " + longLine,
                message);
    }

    private Path write(String... lines) throws Exception {
        Path log = Files.createTempFile(dir, "gateway-", ".log");
        Files.write(log, List.of(lines));
        return log;
    }
}
