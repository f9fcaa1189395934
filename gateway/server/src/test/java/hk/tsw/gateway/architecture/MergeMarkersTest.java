package hk.tsw.gateway.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import hk.tsw.gateway.testsupport.ProjectRoot;

/**
 * No file of the project holds a merge's conflict markers: a line starting with seven {@code <} or {@code >} and a
 * space, or a line of seven {@code =} between them. Several branches merge into {@code main} every day; a marker left
 * in a document or a mapping is read by partners and by the engine. Patches kept for reference ({@code .patch}) are
 * exempt, as are build outputs.
 */
class MergeMarkersTest {

    private static final String OPEN = "<".repeat(7) + " ";
    private static final String CLOSE = ">".repeat(7) + " ";
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", "data");
    private static final Set<String> TEXT = Set.of("java", "md", "xml", "xsd", "xsl", "xslt", "properties", "sql",
            "yaml", "yml", "sh", "html", "css", "txt", "json", "edi", "py", "js");

    @Test
    void no_file_holds_conflict_markers() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(OPEN) || lines.get(i).startsWith(CLOSE)) {
                    found.add(ProjectRoot.REPO.relativize(file) + ":" + (i + 1) + ": " + lines.get(i));
                }
            }
        }
        assertEquals(List.of(), found, "merge conflict markers left in these files");
    }

    /** The control: the scan reaches the project's documents and sources, so an empty result means something. */
    @Test
    void the_scan_covers_the_project() throws IOException {
        List<Path> files = files();
        assertTrue(files.contains(ProjectRoot.REPO.resolve("README.md")), "README.md scanned");
        assertTrue(files.contains(ProjectRoot.REPO.resolve("docs/CLUSTER.md")), "docs scanned");
        assertTrue(files.stream().anyMatch(p -> p.endsWith("MergeMarkersTest.java")), "test sources scanned");
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("/mappings/")), "mappings scanned");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(ProjectRoot.REPO)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> ProjectRoot.REPO.relativize(p).toString().split("/").length > 0
                            && Stream.of(ProjectRoot.REPO.relativize(p).toString().split("/"))
                            .noneMatch(SKIPPED_FOLDERS::contains))
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        int dot = name.lastIndexOf('.');
                        return dot > 0 && TEXT.contains(name.substring(dot + 1).toLowerCase());
                    })
                    .toList();
        }
    }
}
