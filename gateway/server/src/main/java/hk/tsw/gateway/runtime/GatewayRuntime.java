package hk.tsw.gateway.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.intake.as2.As2Channel;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.answer.SftpOutbox;
import hk.tsw.gateway.store.ReplyStore;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.answer.CusresWriter;
import hk.tsw.gateway.api.DecisionAnswers;
import hk.tsw.gateway.api.DecisionRoutes;
import hk.tsw.gateway.api.StatusApiRoutes;
import hk.tsw.gateway.api.ValidateRoutes;
import hk.tsw.gateway.deliver.AgencyDeliveryRoutes;
import hk.tsw.gateway.deliver.DeadLetters;
import hk.tsw.gateway.deliver.DeliveryProcessor;
import hk.tsw.gateway.intake.sftp.SftpReceiveRoute;
import hk.tsw.gateway.intake.sftp.SftpServer;
import hk.tsw.gateway.intake.TranslateQueue;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.route.InterchangeProcessor;
import hk.tsw.gateway.route.RoutingRoute;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.store.DecisionStore;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageQueries;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import hk.tsw.gateway.settings.GatewaySettings;

/**
 * The running gateway: configuration and partners validated, message store migrated, broker, translation engine,
 * SFTP server and Camel routes started, interchanges left unfinished by a previous run re-queued. {@link #close()}
 * stops intake first, lets in-flight work finish or roll back, then stops the broker and the store.
 */
public final class GatewayRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Main main;
    private SftpServer sftp;
    private As2Channel as2;
    private hk.tsw.gateway.intake.soap.SoapServer soap;
    private hk.tsw.gateway.deliver.ServiceWindows windows;

    public static GatewayRuntime start(GatewaySettings s) throws Exception {
        return start(s, Clock.systemUTC());
    }

    /** @param clock the clock the agencies' service windows are read by (a test moves it) */
    public static GatewayRuntime start(GatewaySettings s, Clock clock) throws Exception {
        GatewayRuntime rt = new GatewayRuntime();
        try {
            rt.boot(s, clock);
            return rt;
        } catch (Exception | Error e) {
            rt.close();
            throw e;
        }
    }

    private void boot(GatewaySettings s, Clock clock) throws Exception {
        long t0 = System.nanoTime();
        hk.tsw.gateway.settings.FaultPoints.installed().configure(s);
        HttpListener.check(s);
        Path config = s.configDir();
        Path data = s.dataDir();
        Files.createDirectories(data);
        Path xsd = s.path("gateway.xsd.dir");
        PartnerRegistry partners = PartnerRegistry.load(config.resolve("partners"), xsd.resolve("config/partner.xsd"));
        AgencyRegistry agencies = AgencyRegistry.load(config.resolve("agencies"));
        RoutingTable routing = RoutingTable.load(config.resolve("routing.xml"), xsd.resolve("config/routing.xsd"), agencies);

        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(s.get("gateway.db.url"));
        hc.setUsername(s.get("gateway.db.user"));
        hc.setPassword(s.get("gateway.db.password", ""));
        hc.setMaximumPoolSize(8);
        HikariDataSource ds = new HikariDataSource(hc);
        resources.add(ds);
        MessageStore.migrate(ds);
        MessageStore store = new MessageStore(ds, new PayloadFiles(data.resolve("payloads")));
        DeliveryStore deliveries = new DeliveryStore(store);

        hk.tsw.gateway.intake.DiskGuard disk = new hk.tsw.gateway.intake.DiskGuard(data,
                Double.parseDouble(s.get("gateway.disk.max.usage.percent", "90")),
                Double.parseDouble(s.get("gateway.intake.disk.headroom.percent", "2")),
                Long.parseLong(s.get("gateway.disk.check.ms", "5000")));
        resources.add(disk);
        BrokerLink broker = BrokerLink.open(s, data);
        resources.add(broker);
        disk.brokerLimit(broker::maxDiskUsage);

        EngineSettings defaults = EngineSettings.defaults(s.path("gateway.mappings.dir"), data);
        TranslationEngine engine = TranslationEngine.start(new EngineSettings(defaults.mappingsDir(),
                Path.of(s.get("gateway.dfdl.cache.dir")), defaults.dfdlValidation(), defaults.xmlLimits(), false,
                s.get(EngineSettings.READER_PROPERTY, "direct")));
        resources.add(engine);
        SftpOutbox outbox = new SftpOutbox(s.mailboxRoot());
        Acknowledgements acks = new Acknowledgements(s.get("gateway.edifact.id"), s.get("gateway.edifact.qualifier"),
                Clock.systemUTC());
        PartnerReplies replies = new PartnerReplies(new ReplyStore(store), partners, outbox, acks);

        main = new Main();
        main.bind("jms", broker.jmsComponent(s));
        // no request parameter or header is echoed into an answer (ResponseHeaderPolicy), on every platform-http route
        main.bind("tswResponseHeaders", new ResponseHeaderPolicy());
        main.addInitialProperty("camel.component.platform-http.header-filter-strategy", "#tswResponseHeaders");
        TranslateQueue translateQueue = new TranslateQueue(() -> main.getCamelContext(), "jms:queue:tsw.received",
                broker::up, s.getInt("gateway.broker.requeue.ms"));
        resources.add(translateQueue);
        main.configure().addRoutesBuilder(new SftpReceiveRoute(store, replies, s.duplicateWindow(), translateQueue, disk));
        hk.tsw.gateway.catalogue.DocumentCatalog documents = hk.tsw.gateway.catalogue.DocumentCatalog.load(
                config.resolve("documents"), xsd.resolve("config/document.xsd"));
        hk.tsw.gateway.runtime.StartupChecks.require(documents, routing, partners.all(), engine.catalog().all());
        SubmissionChecker checker = new SubmissionChecker(engine,
                BusinessRules.load(s.path("gateway.mappings.dir").resolve("rules"), engine.saxon()), routing);
        hk.tsw.gateway.store.LicenceLedger ledger = new hk.tsw.gateway.store.LicenceLedger(store);
        hk.tsw.gateway.ledger.LicenceWriteOffs writeOffs = new hk.tsw.gateway.ledger.LicenceWriteOffs(ledger, documents);
        main.configure().addRoutesBuilder(new ValidateRoutes(checker, acks, partners, writeOffs));
        List<hk.tsw.gateway.answer.WebhookRoute.Hook> hooks = new ArrayList<>();
        for (var p : partners.all()) {
            if (p.reply().webhook().isPresent()) {
                String secret = s.get("gateway.webhook." + p.id() + ".secret", "");
                if (secret.isBlank()) {
                    LOG.warn("Partner {} has a webhook but no gateway.webhook.{}.secret in the secrets file: not sent",
                            p.id(), p.id());
                } else {
                    hooks.add(new hk.tsw.gateway.answer.WebhookRoute.Hook(p.id(), p.reply().webhook().get(), secret));
                }
            }
        }
        main.configure().addRoutesBuilder(new hk.tsw.gateway.answer.WebhookRoute(new hk.tsw.gateway.store.WebhookStore(store), hooks));
        main.addInitialProperty("gateway.webhook.poll.ms", s.get("gateway.webhook.poll.ms", "1000"));
        main.configure().addRoutesBuilder(new RoutingRoute(new InterchangeProcessor(checker, acks,
                store, partners, routing, replies, writeOffs),
                store, s.getInt("gateway.delivery.max.attempts")));
        DecisionAnswers answers = new DecisionAnswers(store, partners, new CusresWriter(s.get("gateway.edifact.id"),
                s.get("gateway.edifact.qualifier"), Clock.systemUTC()),
                new hk.tsw.gateway.answer.WcoResponseWriter(Clock.systemUTC()), replies);
        windows = new hk.tsw.gateway.deliver.ServiceWindows(agencies, clock,
                Long.parseLong(s.get("gateway.agency.window.check.ms", "1000")), broker::queueDepths);
        main.configure().addRoutesBuilder(new AgencyDeliveryRoutes(agencies,
                new DeliveryProcessor(deliveries, s.getInt("gateway.delivery.max.attempts"), answers::sendRefusal),
                windows));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.AgencyRoutes(windows));
        var apiSecurity = hk.tsw.gateway.api.access.ApiSecurityRoutes.load(config.resolve("users"),
                xsd.resolve("config/user.xsd"), partners, agencies, k -> s.get(k, null), store);
        main.configure().addRoutesBuilder(apiSecurity);
        main.configure().addRoutesBuilder(new StatusApiRoutes(new MessageQueries(store), deliveries,
                new DeadLetters(broker.connectionFactory(), "tsw.dead",
                        Long.parseLong(s.get("gateway.redrive.receive.timeout.ms", "2000")))));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.IntakeRoutes(disk));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.AuditRoutes(new hk.tsw.gateway.store.AuditLog(store)));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.DocumentRoutes(documents));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.QueueRoutes(broker::queueDepths));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.As2EvidenceRoutes(new hk.tsw.gateway.store.As2Store(store)));
        DecisionStore decisionStore = new DecisionStore(store);
        main.configure().addRoutesBuilder(new DecisionRoutes(decisionStore, agencies, replies, answers,
                new hk.tsw.gateway.api.IssuedLicences(decisionStore, ledger))
                .auditJmsDecisionsIn(new hk.tsw.gateway.store.AuditLog(store)));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.LicenceRoutes(ledger, agencies, documents));
        main.addInitialProperty("gateway.sftp.root", s.mailboxRoot().toString());
        main.addInitialProperty("gateway.data.dir", data.toString());
        for (String key : new String[]{"gateway.sftp.settle.ms", "gateway.translate.consumers", "gateway.delivery.consumers"}) {
            main.addInitialProperty(key, s.get(key));
        }
        main.addInitialProperty("gateway.queue.received", "tsw.received");
        main.addInitialProperty("gateway.queue.dead", "tsw.dead");
        main.addInitialProperty("camel.main.name", "tsw-gateway");
        HttpListener.configure(main, s);
        main.addInitialProperty("camel.metrics.enabled", "true");
        // the per-exchange event timers tag exchanges sent from outside a route (the translate queue's hand-off) without
        // routeId, which Prometheus refuses next to the same meter with it (a warning at every start); the route
        // policy's per-route timers and counters stay
        main.addInitialProperty("camel.metrics.enable-exchange-event-notifier", "false");
        // JVM figures an operator (and the attack tests) watch: heap, GC, threads, CPU, uptime
        main.addInitialProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,uptime,file-descriptor");
        main.addInitialProperty("camel.component.http.connect-timeout", s.get("gateway.delivery.http.timeout.ms"));
        main.addInitialProperty("camel.component.http.response-timeout", s.get("gateway.delivery.http.timeout.ms"));
        main.addInitialProperty("camel.main.shutdown-timeout", "30");
        main.start();
        hk.tsw.gateway.api.access.ObserveGuard.install(main.getCamelContext(), apiSecurity.users(), "/observe");
        windows.start(main.getCamelContext());
        // not ready until every listener is open (registered at once: the HTTP server is already answering)
        ListenersReadyCheck listeners = new ListenersReadyCheck();
        listeners.setCamelContext(main.getCamelContext());
        org.apache.camel.health.HealthCheckRegistry health =
                org.apache.camel.health.HealthCheckRegistry.get(main.getCamelContext());
        if (health != null) {
            health.register(listeners);
        }
        new hk.tsw.gateway.intake.DiskGuardHealth(disk).register(main.getCamelContext());
        new BrokerHealth(broker).register(main.getCamelContext());
        DatabaseHealth database = new DatabaseHealth(ds,
                Long.parseLong(s.get("gateway.health.database.timeout.ms", "2000")));
        resources.add(database);
        database.register(main.getCamelContext());

        sftp = SftpServer.start(s.get("gateway.sftp.host"), s.getInt("gateway.sftp.port"), s.mailboxRoot(),
                partners, data.resolve("keys/sftp-host-key.ser"), () -> translateQueue.open() && !disk.status().paused(),
                Long.parseLong(s.get("gateway.sftp.max.file.bytes", String.valueOf(16L * 1024 * 1024))));
        if (s.getBoolean("gateway.soap.enabled")) {
            soap = hk.tsw.gateway.intake.soap.SoapServer.start(s, ds, store, replies.store(), checker, partners,
                    translateQueue, disk);
        }
        if (s.getBoolean("gateway.as2.enabled")) {
            as2 = As2Channel.start(s, partners, store, replies, translateQueue, main.getCamelContext(), disk);
        }
        for (long id : store.unfinished()) {
            translateQueue.accept(id);
            LOG.info("Re-queued interchange {} left unfinished by the previous run", id);
        }
        listeners.ready();
        LOG.info("TSW Gateway ready in {} ms: SFTP {}:{}, HTTP {}:{}, AS2 {}, SOAP {}, data {}",
                (System.nanoTime() - t0) / 1_000_000, s.get("gateway.sftp.host"), sftp.port(), s.get("gateway.http.host"),
                s.get("gateway.http.port"),
                as2 == null ? "off" : s.get("gateway.as2.host") + ":" + as2.port() + s.get("gateway.as2.path"),
                soap == null ? "off" : s.get("gateway.soap.host") + ":" + soap.port() + s.get("gateway.soap.path"), data);
    }

    /** The running Camel context (its REST registry, routes), for checks that compare what is served with the docs. */
    public org.apache.camel.CamelContext camel() {
        return main.getCamelContext();
    }

    public int sftpPort() {
        return sftp.port();
    }

    public int as2Port() {
        return as2.port();
    }

    /** The SOAP service's port, or -1 when it is off. */
    public int soapPort() {
        return soap == null ? -1 : soap.port();
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void awaitShutdown() throws InterruptedException {
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        try {
            if (as2 != null) {
                as2.close();
            }
        } catch (Exception e) {
            LOG.warn("AS2 stop: {}", e.toString());
        }
        try {
            if (soap != null) {
                soap.close();
            }
        } catch (Exception e) {
            LOG.warn("SOAP server stop: {}", e.toString());
        }
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (Exception e) {
            LOG.warn("SFTP server stop: {}", e.toString());
        }
        if (windows != null) {
            windows.close();
        }
        if (main != null) {
            try {
                main.stop();
            } catch (Exception e) {
                LOG.warn("Camel stop: {}", e.toString());
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping {}: {}", resources.get(i), e.toString());
            }
        }
    }
}
