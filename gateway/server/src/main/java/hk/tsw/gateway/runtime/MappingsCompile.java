package hk.tsw.gateway.runtime;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.translate.rules.BusinessRules;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the stylesheets of the mappings and of the business rules are compiled ({@code gateway.mappings.compile}),
 * and the readiness check {@code tsw/mappings}.
 * {@code eager}: before ready, in the start's thread; a mapping that does not compile stops the start.
 * {@code background}: after ready, in one thread, so a start does not wait for every folder's stylesheet. The check
 * stays UP while it runs, because a message that needs a mapping not compiled yet compiles that one and waits for it
 * (correct, only slower; measured in docs/PERFORMANCE.md "Cold start"); it goes DOWN, with the folder and the reason,
 * when a mapping does not compile: the same fault that stops an eager start, shown where an operator and a load
 * balancer look, while the other document types keep working.
 */
final class MappingsCompile extends ReadinessCheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MappingsCompile.class);

    private final TranslationEngine engine;
    private final BusinessRules rules;
    private final int total;
    private final AtomicInteger compiled = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean finished;
    private volatile Thread thread;

    MappingsCompile(TranslationEngine engine, BusinessRules rules) {
        super("mappings");
        this.engine = engine;
        this.rules = rules;
        this.total = engine.catalog().all().size() + (rules == null ? 0 : rules.documentTypes().size());
    }

    /** Compiles everything now, in this thread; throws naming every mapping that does not compile. */
    void now() throws IOException {
        compile();
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
    }

    /** Starts compiling in a daemon thread of its own; returns at once. */
    void inBackground() {
        Thread t = new Thread(this::compile, "mappings-compile");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void compile() {
        long t0 = System.nanoTime();
        engine.compileAll(this::done);
        if (rules != null) {
            rules.compileAll(this::done);
        }
        finished = true;
        LOG.info("Stylesheets compiled: {} of {} (mappings and business rules), {} failed, in {} ms", compiled.get(),
                total, failures.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void done(String name, String failure) {
        if (failure == null) {
            compiled.incrementAndGet();
        } else {
            failures.add(failure);
            LOG.error("{}; interchanges that need it fail as the gateway's fault (retried, then FAILED and parked in "
                    + "the dead-letter queue, re-drivable) until the folder is fixed and the gateway restarted", failure);
        }
    }

    /** The failures so far, each naming its folder and reason (empty when none). */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Whether every mapping has been compiled or has failed. */
    boolean finished() {
        return finished;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("compiled", compiled.get()).detail("mappings", total);
        if (!failures.isEmpty()) {
            builder.message(failures.get(0) + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""))
                    .down();
        } else {
            builder.up();
        }
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
