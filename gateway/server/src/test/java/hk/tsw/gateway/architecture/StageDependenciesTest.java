package hk.tsw.gateway.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.archfixture.StoreThatKnowsAStage;
import hk.tsw.gateway.translate.archfixture.ReachesBackToAnswer;

/** The product's classes keep {@link StageRules}; and the rules are known to bite on a deliberate back-import. */
class StageDependenciesTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("hk.tsw.gateway");

    /** The same rule over a handful of classes: the layers they leave empty are not a failure there. */
    private static final LayeredArchitecture FEW_CLASSES = StageRules.STAGES.withOptionalLayers(true);

    @Test
    void every_product_package_uses_only_what_its_layer_may_use() {
        assertTrue(PRODUCT.size() > 200, "imported " + PRODUCT.size() + " product classes");
        StageRules.STAGES.check(PRODUCT);
    }

    @Test
    void the_formats_beneath_translate_do_not_import_each_other() {
        StageRules.FORMATS_APART.check(PRODUCT);
    }

    @Test
    void the_product_holds_no_bench_and_no_test_support() {
        StageRules.PRODUCT_ONLY.check(PRODUCT);
    }

    @Test
    void translate_importing_the_answer_stage_is_reported() {
        EvaluationResult result = FEW_CLASSES.evaluate(
                new ClassFileImporter().importClasses(ReachesBackToAnswer.class, Acknowledgements.class));
        assertTrue(result.hasViolation(), "the back-import went unreported");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains(ReachesBackToAnswer.class.getName()) && report.contains(Acknowledgements.class.getName()),
                report);
    }

    @Test
    void the_store_importing_a_stage_is_reported() {
        EvaluationResult result = FEW_CLASSES.evaluate(
                new ClassFileImporter().importClasses(StoreThatKnowsAStage.class, MessageStore.class, RoutingTable.class));
        assertTrue(result.hasViolation(), "the back-import went unreported");
        assertTrue(String.join("\n", result.getFailureReport().getDetails()).contains(StoreThatKnowsAStage.class.getName()));
    }

    @Test
    void the_same_classes_without_the_back_import_pass() {
        // the control: the rule reports the fixture for its import, not for being where it is
        EvaluationResult result = FEW_CLASSES.evaluate(
                new ClassFileImporter().importClasses(Acknowledgements.class, MessageStore.class, RoutingTable.class));
        assertFalse(result.hasViolation(), String.join("\n", result.getFailureReport().getDetails()));
    }
}
