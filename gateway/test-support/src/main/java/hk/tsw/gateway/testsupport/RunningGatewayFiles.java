package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** A copy of the repository's {@code config/} for a test or the bench, with some agencies pointed at test endpoints. */
public final class RunningGatewayFiles {

    private RunningGatewayFiles() {
    }

    public static void copyConfig(Path to, Map<String, String> agencyEndpoints) throws IOException {
        copyConfig(ProjectRoot.REPO.resolve("config"), to, agencyEndpoints);
    }

    /**
     * Copies the tree {@code from} (a mapping folder, rules) to {@code to} for a test to change; a file already at
     * {@code to} is not overwritten (FileAlreadyExistsException).
     */
    public static void copyTree(Path from, Path to) throws IOException {
        copy(from, to);
    }

    /** Copies {@code from} to {@code to}, then sets the {@code endpoint} of each agency named (its file must exist). */
    public static void copyConfig(Path from, Path to, Map<String, String> agencyEndpoints) throws IOException {
        copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        for (Map.Entry<String, String> e : agencyEndpoints.entrySet()) {
            Path f = to.resolve("agencies/" + e.getKey() + ".properties");
            Files.writeString(f, Files.readString(f).replaceAll("(?m)^endpoint=.*$", "endpoint=" + e.getValue()));
        }
    }

    private static void copy(Path from, Path to, CopyOption... options) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, options);
                }
            }
        }
    }
}
