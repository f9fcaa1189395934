package hk.tsw.gateway.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import hk.tsw.gateway.store.DecisionStatus;
import hk.tsw.gateway.store.DeliveryState;
import hk.tsw.gateway.store.DocumentState;
import hk.tsw.gateway.store.InterchangeState;
import hk.tsw.gateway.store.MdnState;
import hk.tsw.gateway.store.ReplyState;
import hk.tsw.gateway.store.StateRollUp;
import hk.tsw.gateway.testsupport.ProjectRoot;

/**
 * States are types (issue 17 item 3): no product source compares a state or status column with a quoted literal in
 * SQL ({@code state = 'DEAD'}, {@code status NOT IN ('...')}: bind the enum's name instead), and none compares a
 * string with a state's name in Java ({@code "REJECTED".equals(x)}, {@code case "REFUSED"}: use the enum).
 */
class StateLiteralsTest {

    private static final Path SOURCES = ProjectRoot.REPO.resolve("gateway/server/src/main/java");

    /** Files allowed a state literal: none (the issue-16 files were converted after their merge). */
    static final List<String> ALLOWED = List.of();

    private static final Pattern SQL_LITERAL = Pattern.compile(
            "\\b\\w*(state|status)\\s*(=|<>|!=)\\s*'[A-Z_]+'|\\b\\w*(state|status)\\s+(NOT\\s+)?IN\\s*\\(\\s*'",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> STATE_NAMES = Stream.of(InterchangeState.values(), DeliveryState.values(),
                    DocumentState.values(), MdnState.values(), ReplyState.values(), DecisionStatus.values(),
                    StateRollUp.RolledUp.values())
            .flatMap(Arrays::stream).map(Enum::name).collect(Collectors.toSet());

    private static final Pattern JAVA_COMPARISON = Pattern.compile("\"([A-Z_]+)\"\\.equals\\(|case \"([A-Z_]+)\"");

    @Test
    void no_product_source_compares_a_state_with_a_literal() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() > 200, "read " + files.size() + " sources under " + SOURCES);
        for (Path file : files) {
            String name = SOURCES.relativize(file).toString().replace('\\', '/');
            if (!ALLOWED.contains(name)) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (comparesAStateWithALiteral(lines.get(i))) {
                        found.add(name + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "state literals: use the state's enum (store.*State, DecisionStatus)");
    }

    @Test
    void the_scan_finds_the_forms_it_forbids_and_passes_their_typed_twins() {
        assertTrue(comparesAStateWithALiteral("\"UPDATE delivery SET state = 'DEAD' WHERE id = ?\""));
        assertTrue(comparesAStateWithALiteral("\" AND d.state <> 'DELIVERED'\""));
        assertTrue(comparesAStateWithALiteral("\" AND state NOT IN ('REJECTED', 'FAILED')\""));
        assertTrue(comparesAStateWithALiteral("if (\"REFUSED\".equals(status)) {"));
        assertTrue(comparesAStateWithALiteral("case \"HELD_FOR_INSPECTION\" -> \"5\";"));
        // the control: the same statements with the enum, and literals that name no state
        assertFalse(comparesAStateWithALiteral("\"UPDATE delivery SET state = ? WHERE id = ?\", DeliveryState.DEAD.name()"));
        assertFalse(comparesAStateWithALiteral("if (DecisionStatus.of(status).map(DecisionStatus::negative)"));
        assertFalse(comparesAStateWithALiteral("if (\"CONTRL\".equals(a.kind())) {"));
        assertFalse(comparesAStateWithALiteral("\" AND mdn_mode = 'ASYNC'\""));
    }

    static boolean comparesAStateWithALiteral(String line) {
        if (SQL_LITERAL.matcher(line).find()) {
            return true;
        }
        var m = JAVA_COMPARISON.matcher(line);
        while (m.find()) {
            if (STATE_NAMES.contains(m.group(1) != null ? m.group(1) : m.group(2))) {
                return true;
            }
        }
        return false;
    }
}
