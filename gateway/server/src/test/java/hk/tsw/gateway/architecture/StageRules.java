package hk.tsw.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The allowed dependencies between the packages, in one place (each package-info.java says the same in words).
 * Stages in data-flow order, intake -> route (runs translate) -> deliver, with answer beside route; translate is the
 * engine the others call and calls none of them; the packages beside the stages (ledger, catalogue, partner, store,
 * broker, settings, security) never import a stage; the entry points (api, cli, runtime) are imported by nothing but
 * each other. A dependency not listed here is a back-import and fails {@link StageDependenciesTest}.
 */
public final class StageRules {

    private static final String G = "hk.tsw.gateway.";

    /** Who may use whom. */
    public static final LayeredArchitecture STAGES = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry").definedBy(G + "api..", G + "cli..", G + "runtime..")
            .layer("Intake").definedBy(G + "intake..")
            .layer("Route").definedBy(G + "route..")
            .layer("Deliver").definedBy(G + "deliver..")
            .layer("Answer").definedBy(G + "answer..")
            .layer("Ledger").definedBy(G + "ledger..")
            .layer("Catalogue").definedBy(G + "catalogue..")
            .layer("Translate").definedBy(G + "translate..")
            .layer("Partner").definedBy(G + "partner..")
            .layer("Store").definedBy(G + "store..")
            .layer("Broker").definedBy(G + "broker..")
            .layer("Security").definedBy(G + "security..")
            .layer("Settings").definedBy(G + "settings..")
            .whereLayer("Entry").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Intake").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Route").mayOnlyBeAccessedByLayers("Entry", "Intake")
            .whereLayer("Deliver").mayOnlyBeAccessedByLayers("Entry", "Route")
            .whereLayer("Answer").mayOnlyBeAccessedByLayers("Entry", "Intake", "Route")
            .whereLayer("Ledger").mayOnlyBeAccessedByLayers("Entry", "Route")
            .whereLayer("Catalogue").mayOnlyBeAccessedByLayers("Entry", "Ledger")
            .whereLayer("Translate").mayOnlyBeAccessedByLayers("Entry", "Intake", "Route", "Answer", "Ledger", "Catalogue")
            .whereLayer("Partner").mayOnlyBeAccessedByLayers("Entry", "Intake", "Route", "Deliver", "Answer", "Ledger",
                    "Catalogue", "Translate")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Entry", "Intake", "Route", "Deliver", "Answer", "Ledger",
                    "Catalogue", "Translate", "Partner")
            .whereLayer("Broker").mayOnlyBeAccessedByLayers("Entry", "Route", "Deliver")
            .whereLayer("Security").mayOnlyBeAccessedByLayers("Entry", "Intake", "Route", "Deliver", "Answer", "Ledger",
                    "Catalogue", "Translate", "Partner", "Store");

    /** The formats beneath translate do not reach into each other (the located error they share is translate's). */
    public static final ArchRule FORMATS_APART = noClasses().that().resideInAPackage(G + "translate.xml..")
            .should().dependOnClassesThat().resideInAPackage(G + "translate.edifact..")
            .orShould().dependOnClassesThat().resideInAPackage(G + "translate.canonical..")
            .because("a format of translate stands on its own");

    /** The product holds neither the bench nor test support (HaltingFaultPoints, the harness). */
    public static final ArchRule PRODUCT_ONLY = noClasses().should().resideInAnyPackage(G + "bench..", G + "testsupport..")
            .because("the bench and test support live in gateway/bench and gateway/test-support");

    private StageRules() {
    }
}
