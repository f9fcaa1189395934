package hk.tsw.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/** The benchmark's interchanges are ones the gateway accepts whole: syntax, mapping and business rules. */
class InterchangeGeneratorTest {

    @Test
    void generated_declarations_and_manifests_pass_every_check() throws Exception {
        SubmissionChecker checker = new SubmissionChecker(TestEngine.get(),
                BusinessRules.load(TestEngine.MAPPINGS.resolve("rules"), SecureXml.saxon()));
        InterchangeGenerator generator = new InterchangeGenerator(42);
        boolean sawChinese = false;
        for (int i = 0; i < 12; i++) {
            for (InterchangeGenerator.Interchange ic : List.of(generator.declarations(3), generator.manifests(2))) {
                SubmissionChecker.Checked checked = checker.check(ic.fileName(), ic.content());
                assertTrue(checked.allAccepted(), () -> ic.fileName() + ": " + checked.translation().errors() + " "
                        + checked.failures());
                assertEquals(ic.documentRefs().size(), checked.translation().documents().size());
                sawChinese |= new String(ic.content(), StandardCharsets.UTF_8).contains("UNOW");
            }
        }
        assertTrue(sawChinese, "no Chinese interchange among 24");
    }

    @Test
    void the_bench_mix_is_three_declarations_to_one_manifest_and_counts_their_deliveries() {
        List<InterchangeGenerator.Interchange> mix = new InterchangeGenerator(7).mixed(8, 2);
        assertEquals(List.of("DEMOFWD", "DEMOFWD", "DEMOFWD", "DEMOLINE", "DEMOFWD", "DEMOFWD", "DEMOFWD", "DEMOLINE"),
                mix.stream().map(InterchangeGenerator.Interchange::partner).toList());
        // a declaration goes to 2 agencies, a manifest to 4: 6 files x 2 messages x 2 + 2 files x 2 messages x 4
        assertEquals(40, InterchangeGenerator.deliveries(mix));
    }

    @Test
    void the_same_seed_gives_the_same_interchanges() {
        assertArrayEquals(new InterchangeGenerator(7).declarations(2).content(),
                new InterchangeGenerator(7).declarations(2).content());
    }
}
