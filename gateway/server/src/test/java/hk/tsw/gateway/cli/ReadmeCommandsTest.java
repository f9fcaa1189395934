package hk.tsw.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's offline commands ({@code validate}, {@code preflight}, {@code demo}) are run as a newcomer would type
 * them from the checkout's root, so the README cannot promise a command, a sample or a result that does not exist.
 * Each command line is read from the README itself: a command dropped from it, a renamed sample or a changed jar path
 * fails here.
 */
class ReadmeCommandsTest {

    /** An indented (code block) line of the README running the product jar offline. */
    private static final Pattern OFFLINE_COMMAND = Pattern.compile(
            "^ {4}java (?:-\\S+ )*-jar gateway/server/target/tsw-gateway\\.jar (validate|preflight|demo|translate)(.*)$");

    @TempDir
    Path tmp;

    @Test
    void every_offline_command_of_the_readme_runs_from_the_checkout_root_and_accepts_its_sample() throws IOException {
        List<String> lines = Files.readAllLines(TestEngine.REPO.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> seen = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher m = OFFLINE_COMMAND.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String command = m.group(1);
            seen.add(command);
            Result result = run(command, m.group(2).trim());
            assertEquals(0, result.status, () -> "README line `" + line.trim() + "` ended with status " + result.status
                    + "\nstdout:\n" + result.out + "\nstderr:\n" + result.err);
            assertTrue(!result.out.isBlank(), () -> "README line `" + line.trim() + "` printed nothing");
        }
        assertTrue(seen.containsAll(List.of("validate", "preflight", "demo")),
                "the README shows validate, preflight and demo as offline commands, found only " + seen);
        try (Stream<Path> written = Files.list(tmp.resolve("data/out"))) {
            assertTrue(written.findAny().isPresent(), "demo wrote no canonical document into data/out");
        }
    }

    private Result run(String command, String rest) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(command);
        for (String token : rest.isEmpty() ? new String[0] : rest.split("\\s+")) {
            // a path in the README is relative to the checkout's root, where the newcomer types it
            Path inRepo = TestEngine.REPO.resolve(token);
            args.add(!token.startsWith("-") && Files.exists(inRepo) ? inRepo.toString() : token);
        }
        Path data = tmp.resolve("data");
        if (!Files.exists(data.resolve("cache/dfdl"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // share the build's compiled-directory cache so the CLI does not compile the directories again (on a clean
            // checkout run alone the cache does not exist yet: made here, or the link dangles and is made twice)
            Files.createDirectories(TestEngine.DFDL_CACHE);
            Files.createDirectories(data.resolve("cache"));
            Files.createSymbolicLink(data.resolve("cache/dfdl"), TestEngine.DFDL_CACHE);
        }
        args.addAll(List.of("--mappings", TestEngine.MAPPINGS.toString(), "--data", data.toString(),
                "--config", TestEngine.REPO.resolve("config").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GatewayCli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
    }
}
