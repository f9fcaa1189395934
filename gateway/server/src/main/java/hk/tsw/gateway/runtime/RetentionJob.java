package hk.tsw.gateway.runtime;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import hk.tsw.gateway.catalogue.CatalogueEntry;
import hk.tsw.gateway.catalogue.DocumentCatalog;
import hk.tsw.gateway.settings.RetentionSettings;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.Retention;
import hk.tsw.gateway.store.SingletonTenure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention as a scheduled singleton (docs/OPERATIONS.md "Retention"): the store's {@link Retention} with the document
 * families of the catalogue, run every {@code gateway.retention.every.ms} on the node that holds the {@code retention}
 * singleton (route {@code retention}), and its counters {@code tsw_retention_archived_total},
 * {@code tsw_retention_purged_total} (what this node did since it started). The same run deletes singleton tenures
 * that ended more than {@code gateway.retention.tenure.days} ago ({@link SingletonTenure#deleteEnded}).
 */
final class RetentionJob extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;
    private final SingletonTenure tenures;
    private final Clock clock;
    private final RetentionSettings settings;
    private final BooleanSupplier leading;

    RetentionJob(MessageStore store, RetentionSettings settings, DocumentCatalog documents, Clock clock,
                 BooleanSupplier leading) {
        Map<String, String> familyOfType = new HashMap<>();
        for (CatalogueEntry e : documents.entries()) {
            if (e.documentType() != null && e.family() != null) {
                familyOfType.putIfAbsent(e.documentType(), e.family());
            }
        }
        this.retention = new Retention(store, settings, familyOfType, clock);
        this.tenures = new SingletonTenure(store);
        this.clock = clock;
        this.settings = settings;
        this.leading = leading;
    }

    Retention retention() {
        return retention;
    }

    @Override
    public void configure() {
        if (!settings.enabled()) {
            return;
        }
        from("timer:tsw-retention?period=" + settings.everyMs() + "&delay=" + Math.min(settings.everyMs(), 60_000))
                .routeId("retention")
                .process(e -> {
                    if (leading.getAsBoolean()) {
                        retention.run(leading);
                        deleteEndedTenures();
                    }
                });
    }

    private void deleteEndedTenures() {
        int deleted = tenures.deleteEnded(clock.instant().minus(settings.tenureKept()), settings.batch(), leading);
        if (deleted > 0) {
            LOG.info("Retention: deleted {} singleton tenure row(s) that ended over {} days ago", deleted,
                    settings.tenureKept().toDays());
        }
    }

    void registerMeters(CamelContext camel) {
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        FunctionCounter.builder("tsw.retention.archived", retention, Retention::archivedTotal)
                .description("messages whose payloads this node archived").register(meters);
        FunctionCounter.builder("tsw.retention.purged", retention, Retention::purgedTotal)
                .description("archives this node purged after the legal retention period").register(meters);
    }
}
