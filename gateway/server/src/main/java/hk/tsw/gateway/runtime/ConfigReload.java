package hk.tsw.gateway.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import hk.tsw.gateway.api.ConfigReloads;
import hk.tsw.gateway.catalogue.DocumentCatalog;
import hk.tsw.gateway.deliver.Agency;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.intake.soap.SoapServer;
import hk.tsw.gateway.intake.soap.SoapSettings;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.security.UserDirectory;
import hk.tsw.gateway.settings.ApiSettings;
import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.store.ConfigGenerations;
import hk.tsw.gateway.translate.mapping.Mapping;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the partners and users (with their secrets) without a restart, on this node and, through the store's
 * configuration generations, on every node (docs/OPERATIONS.md, docs/CLUSTER.md).
 *
 * <p>A reload reads {@code gateway.properties} and the secrets again, then the partner and user files, and runs the
 * same checks as the start (schemas, keys, certificates, ids claimed twice, users bound to known partners and running
 * agencies, every partner's documents routable); any error refuses the reload with the file and the reason and changes
 * nothing. Only then are the partners, the users and the SOAP logins swapped, one after the other (partners first, so
 * no request finds a user whose partner is not loaded yet); each lookup reads one whole generation of each. What was
 * built from the partners at start and listens to {@link PartnerRegistry#onReplace} (the webhook sender's hooks, the
 * AS2 certificate check and gauge) follows the swap.
 *
 * <p>Not reloaded, said in the answer when they differ: the agencies (each has its own routes, queues and broker
 * roles) and every other setting; they need a restart. Each node polls the highest generation every
 * {@code gateway.config.poll.ms} and reloads itself when it moves; a node whose reload fails keeps its running
 * configuration, logs it and records it ({@code GET /api/config}), and tries again at the next generation.
 */
public final class ConfigReload implements ConfigReloads, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    /** What the checks need that a reload does not change. */
    record Fixed(Path config, Path xsd, AgencyRegistry agencies, RoutingTable routing, DocumentCatalog documents,
                 Collection<Mapping> mappings) {
    }

    private final GatewaySettings settings;
    private final Fixed fixed;
    private final PartnerRegistry partners;
    private final UserDirectory users;
    private final Supplier<SoapServer> soap;
    private final ConfigGenerations generations;
    private final String node;
    private final ScheduledExecutorService poller;
    private volatile long generation;
    private volatile String digest;
    private volatile String lastError;
    private long failedGeneration = -1;

    ConfigReload(GatewaySettings settings, Fixed fixed, PartnerRegistry partners, UserDirectory users,
                 Supplier<SoapServer> soap, ConfigGenerations generations, String node) throws Exception {
        this.settings = settings;
        this.fixed = fixed;
        this.partners = partners;
        this.users = users;
        this.soap = soap;
        this.generations = generations;
        this.node = node;
        // the configuration read at start is the latest generation's (or generation 0 before any reload)
        this.generation = generations.latest().map(ConfigGenerations.Generation::generation).orElse(0L);
        this.digest = ConfigSnapshot.digest(fixed.config(), partners, ApiSettings.from(settings),
                SoapSettings.from(settings));
        generations.loaded(node, generation, digest, Instant.now());
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "config-generation-poll");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling for generations recorded by other nodes, and the {@code tsw_config_generation} gauge. */
    void start(CamelContext camel, long pollMs) {
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            Gauge.builder("tsw.config.generation", this, r -> r.generation).tag("node", node)
                    .description("the configuration generation (partners, users) this node runs").register(meters);
        }
        poller.scheduleWithFixedDelay(this::follow, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized Reloaded reload(String requestedBy, String comment) throws Refused {
        ConfigSnapshot next = loadOrRefuse("reload requested by " + requestedBy);
        var changes = next.changesFrom(partners, users);
        List<String> notes = install(next);
        long recorded;
        try {
            recorded = generations.record(requestedBy, node, next.digest(), comment, Instant.now());
        } catch (RuntimeException e) {
            // taken here, but not recorded: the other nodes follow at the next recorded generation
            LOG.error("Configuration reloaded on this node but its generation could not be recorded: {}", e.toString());
            throw new Refused("reloaded on this node, but the generation could not be recorded for the other nodes: "
                    + e.getMessage() + " (send the reload again)", e, true);
        }
        loaded(recorded, next.digest());
        LOG.info("Configuration generation {} loaded (requested by {}): {} {}", recorded, requestedBy, changes, notes);
        return new Reloaded(recorded, next.digest(), changes, notes);
    }

    /** One poll: reload when another node recorded a newer generation (not one that already failed here). */
    synchronized void follow() {
        try {
            Optional<ConfigGenerations.Generation> latest = generations.latest();
            if (latest.isEmpty() || latest.get().generation() <= generation
                    || latest.get().generation() == failedGeneration) {
                return;
            }
            ConfigGenerations.Generation g = latest.get();
            ConfigSnapshot next;
            try {
                next = loadOrRefuse("generation " + g.generation() + " from node " + g.node());
            } catch (Refused e) {
                failedGeneration = g.generation();
                return;
            }
            List<String> notes = install(next);
            loaded(g.generation(), next.digest());
            if (!next.digest().equals(g.digest())) {
                String warning = "generation " + g.generation() + " loaded, but this node read other files than node "
                        + g.node() + " (digest " + next.digest() + ", recorded " + g.digest() + ")";
                LOG.warn(warning);
                lastError = warning;
                generations.failed(node, warning, Instant.now());
            }
            LOG.info("Configuration generation {} (recorded by node {}) loaded here {}", g.generation(), g.node(), notes);
        } catch (RuntimeException e) {
            LOG.warn("Configuration generation poll failed (tried again in the next poll): {}", e.toString());
        }
    }

    private ConfigSnapshot loadOrRefuse(String what) throws Refused {
        try {
            return load();
        } catch (Exception | LinkageError e) {
            String message = describe(e);
            LOG.error("Configuration {} refused, the running configuration (generation {}) stays: {}", what,
                    generation, message);
            lastError = message;
            try {
                generations.failed(node, message, Instant.now());
            } catch (RuntimeException store) {
                LOG.warn("Could not record the failed reload: {}", store.toString());
            }
            throw new Refused(message, e);
        }
    }

    /** One line naming the file: a partner file's error is given with its folder, as the operator would look for it. */
    static String describe(Throwable e) {
        if (e instanceof hk.tsw.gateway.partner.PartnerConfigException p) {
            return "config/partners/" + p.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }

    /** Reads and checks everything as the start does; nothing running is touched. */
    private ConfigSnapshot load() throws Exception {
        GatewaySettings s = settings.reread();
        ApiSettings api = ApiSettings.from(s);
        SoapSettings soapSecrets = SoapSettings.from(s);
        Path config = fixed.config();
        PartnerRegistry next = PartnerRegistry.load(config.resolve("partners"), fixed.xsd().resolve("config/partner.xsd"));
        StartupChecks.require(fixed.documents(), fixed.routing(), next.all(), fixed.mappings());
        UserDirectory nextUsers = UserDirectory.load(config.resolve("users"), fixed.xsd().resolve("config/user.xsd"),
                fixed.agencies()::exists, id -> next.byId(id).isPresent(), api.userSecrets()::get);
        SoapServer running = soap.get();
        Runnable soapLogins = running == null ? () -> { } : running.prepareReload(next, soapSecrets);
        return new ConfigSnapshot(next, nextUsers, api, soapSecrets, soapLogins,
                ConfigSnapshot.digest(config, next, api, soapSecrets));
    }

    /** Swaps in a checked snapshot; returns what was not reloaded and differs (the agencies). */
    private List<String> install(ConfigSnapshot next) {
        partners.replaceWith(next.partners());
        users.replaceWith(next.users());
        next.soapLogins().run();
        List<String> notes = new ArrayList<>();
        try {
            List<String> now = AgencyRegistry.load(fixed.config().resolve("agencies")).all().stream()
                    .map(Agency::code).toList();
            List<String> running = fixed.agencies().all().stream().map(Agency::code).toList();
            if (!now.equals(running)) {
                notes.add("config/agencies differs from the running agencies " + running + ": agencies are read at"
                        + " start only, restart every node to take them");
            }
        } catch (Exception e) {
            notes.add("config/agencies cannot be read (" + e.getMessage() + "): agencies are read at start only");
        }
        return notes;
    }

    private void loaded(long g, String d) {
        generation = g;
        digest = d;
        lastError = null;
        generations.loaded(node, g, d, Instant.now());
    }

    @Override
    public Status status() {
        return new Status(node, generation, digest, lastError, generations.latest(), generations.nodes());
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
