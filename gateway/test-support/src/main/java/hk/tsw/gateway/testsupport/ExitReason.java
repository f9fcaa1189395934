package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Why a gateway or broker JVM ended before it was ready, read from its log: the line the command printed ("the
 * gateway could not start: ...", "internal error: ..."), else the last ERROR line, else the last line. A test that
 * fails on a start puts it in its exception message, so that the failure's one-line summary in a CI report says why,
 * not only "exited with 2".
 */
public final class ExitReason {

    private static final int MAX = 600;

    private ExitReason() {
    }

    /** The message for a process that exited with {@code status} before it was ready, with its log's reason. */
    public static String of(String what, int status, Path log) {
        return what + " exited with " + status + " (" + reason(log) + "); see " + log;
    }

    /** The reason line of {@code log}, shortened to 600 characters; "log empty" or "log unreadable: ..." else. */
    static String reason(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "log unreadable: " + e;
        }
        String found = last(lines, "could not start", "internal error");
        if (found == null) {
            found = last(lines, " ERROR ");
        }
        if (found == null) {
            found = lines.isEmpty() ? "log empty" : lines.get(lines.size() - 1);
        }
        String line = found.strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "...";
    }

    private static String last(List<String> lines, String... marks) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            for (String mark : marks) {
                if (lines.get(i).contains(mark)) {
                    return lines.get(i);
                }
            }
        }
        return null;
    }
}
