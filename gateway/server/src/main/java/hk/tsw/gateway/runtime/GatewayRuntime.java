package hk.tsw.gateway.runtime;

import hk.tsw.gateway.settings.Queues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import hk.tsw.gateway.intake.sftp.SftpReceiveRoute;
import hk.tsw.gateway.intake.sftp.SftpServer;
import hk.tsw.gateway.intake.ReceivedQueue;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.store.DecisionStore;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import hk.tsw.gateway.intake.as2.As2Settings;
import hk.tsw.gateway.intake.soap.SoapSettings;
import hk.tsw.gateway.settings.ApiSettings;
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.ClusterSettings;
import hk.tsw.gateway.store.Singleton;
import java.util.function.BooleanSupplier;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.settings.HttpSettings;
import hk.tsw.gateway.settings.IntakeSettings;
import hk.tsw.gateway.settings.RouteSettings;
import hk.tsw.gateway.settings.StoreSettings;
import hk.tsw.gateway.settings.TranslateSettings;

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
    /** What a stop does first once the node was ready: the drain (gateway.intake.drain.ms, DiskGuard#drainForStop). */
    private Runnable drain = () -> { };

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
        BootSteps steps = new BootSteps();
        hk.tsw.gateway.settings.FaultPoints.installed().configure(s);
        // every setting is read here, once, into the record of the stage that uses it
        IntakeSettings intake = IntakeSettings.from(s);
        TranslateSettings translate = TranslateSettings.from(s);
        RouteSettings route = RouteSettings.from(s);
        DeliverSettings deliver = DeliverSettings.from(s);
        HttpSettings http = HttpSettings.from(s);
        BrokerSettings brokerSettings = BrokerSettings.from(s);
        SoapSettings soapSettings = SoapSettings.from(s);
        As2Settings as2Settings = As2Settings.from(s);
        HttpListener.check(http);
        Path config = s.configDir();
        Path data = s.dataDir();
        Files.createDirectories(data);
        // a configured host key that cannot be read stops the start here, before anything is opened
        hk.tsw.gateway.intake.sftp.SftpHostKey sftpHostKey = hk.tsw.gateway.intake.sftp.SftpHostKey.of(
                intake.sftpHostKey(), data.resolve("keys/sftp-host-key.ser"));
        Path xsd = translate.xsdDir();
        PartnerRegistry partners = PartnerRegistry.load(config.resolve("partners"), xsd.resolve("config/partner.xsd"));
        AgencyRegistry agencies = AgencyRegistry.load(config.resolve("agencies"));
        RoutingTable routing = RoutingTable.load(config.resolve("routing.xml"), xsd.resolve("config/routing.xsd"), agencies);
        steps.done("config");

        StoreSettings storeSettings = StoreSettings.from(s);
        HikariDataSource ds = StoreDatabase.open(storeSettings);
        resources.add(ds);
        steps.done("store");
        ClusterSettings cluster = ClusterSettings.from(s);
        // the payload journal (issue 16) in the node's own folder, recovered here before the store is used
        hk.tsw.gateway.settings.PayloadSettings payloadSettings = hk.tsw.gateway.settings.PayloadSettings.from(s);
        hk.tsw.gateway.store.PayloadJournal journal = payloadSettings.journal() ? hk.tsw.gateway.store.PayloadJournal
                .open(data.resolve("payload-journal"), data.resolve("payloads"), payloadSettings.checkpointAfter()) : null;
        if (journal != null) {
            resources.add(journal); // closed after everything that writes payloads
        }
        hk.tsw.gateway.store.CommitSync commitSync = hk.tsw.gateway.store.CommitSync.of(ds,
                storeSettings.allowUnsyncedH2Commits());
        resources.add(commitSync::logTotals); // at the stop: commits made durable and the fsyncs they took
        MessageStore store = new MessageStore(ds, new PayloadFiles(data.resolve("payloads"), journal), cluster.nodeName(),
                commitSync);
        ClusterNode node = ClusterNode.of(cluster, storeSettings, store);
        // several nodes only on PostgreSQL: there the sweep singleton re-queues a dead node's work (docs/CLUSTER.md)
        boolean clustered = storeSettings.url().startsWith("jdbc:postgresql:");
        BooleanSupplier sweepHere = clustered ? node.want(Singleton.UNFINISHED_SWEEP) : () -> false;
        resources.add(node);
        // the singletons (docs/CLUSTER.md): one node at a time runs each, by the store database's lock
        BooleanSupplier webhooksHere = node.want(Singleton.WEBHOOKS);
        BooleanSupplier as2SenderHere = as2Settings.enabled() ? node.want(Singleton.AS2_OUTBOUND) : () -> false;
        BooleanSupplier sftpPollerHere = node.want(Singleton.sftpReceive(
                SftpReceiveRoute.mailboxStoreId(s.mailboxRoot())));
        hk.tsw.gateway.settings.RetentionSettings retentionSettings = hk.tsw.gateway.settings.RetentionSettings.from(s);
        BooleanSupplier retentionHere = retentionSettings.enabled() ? node.want(Singleton.RETENTION) : () -> false;
        node.elect();
        steps.done("cluster");
        DeliveryStore deliveries = new DeliveryStore(store);

        hk.tsw.gateway.intake.DiskGuard disk = new hk.tsw.gateway.intake.DiskGuard(data,
                intake.diskMaxUsagePercent(), intake.diskHeadroomPercent(), intake.diskCheckMs());
        resources.add(disk);
        BrokerLink broker = BrokerLink.open(config, brokerSettings, deliver, intake, data);
        resources.add(broker);
        disk.brokerLimit(broker::maxDiskUsage);
        steps.done("broker");

        EngineSettings defaults = EngineSettings.defaults(translate.mappingsDir(), data);
        TranslationEngine engine = TranslationEngine.start(new EngineSettings(defaults.mappingsDir(),
                translate.dfdlCacheDir(), defaults.dfdlValidation(), defaults.xmlLimits(), false,
                translate.edifactReader()));
        resources.add(engine);
        steps.done("engine");
        SftpOutbox outbox = new SftpOutbox(s.mailboxRoot());
        Acknowledgements acks = new Acknowledgements(route.edifactId(), route.edifactQualifier(),
                Clock.systemUTC());
        PartnerReplies replies = new PartnerReplies(new ReplyStore(store), partners, outbox, acks);

        main = new Main();
        main.bind("jms", broker.jmsComponent(brokerSettings));
        // no request parameter or header is echoed into an answer (ResponseHeaderPolicy), on every platform-http route
        main.bind("tswResponseHeaders", new ResponseHeaderPolicy());
        hk.tsw.gateway.store.UnfinishedWork unfinished = new hk.tsw.gateway.store.UnfinishedWork(store);
        // the broker's hand-offs are marked in the background, a batch a commit (QueuedMarks says why that is safe)
        hk.tsw.gateway.store.QueuedMarks queuedMarks = new hk.tsw.gateway.store.QueuedMarks(unfinished,
                cluster.queuedMarksPauseMs());
        resources.add(queuedMarks);
        ReceivedQueue translateQueue = new ReceivedQueue(() -> main.getCamelContext(), Queues.jms(Queues.RECEIVED),
                broker::up, brokerSettings.requeueMs(), queuedMarks);
        resources.add(translateQueue);
        hk.tsw.gateway.catalogue.DocumentCatalog documents = hk.tsw.gateway.catalogue.DocumentCatalog.load(
                config.resolve("documents"), xsd.resolve("config/document.xsd"));
        hk.tsw.gateway.runtime.StartupChecks.require(documents, routing, partners.all(), engine.catalog().all());
        BusinessRules rules = BusinessRules.load(translate.mappingsDir().resolve("rules"), engine.saxon());
        // the stylesheets of mappings and rules: before ready, or after it in the background (gateway.mappings.compile)
        MappingsCompile mappings = new MappingsCompile(engine, rules);
        resources.add(mappings);
        if (translate.compileEagerly()) {
            mappings.now();
        }
        SubmissionChecker checker = new SubmissionChecker(engine, rules, routing);
        hk.tsw.gateway.store.LicenceLedger ledger = new hk.tsw.gateway.store.LicenceLedger(store);
        hk.tsw.gateway.ledger.LicenceWriteOffs writeOffs = new hk.tsw.gateway.ledger.LicenceWriteOffs(ledger, documents);
        DecisionAnswers answers = new DecisionAnswers(store, partners, new CusresWriter(route.edifactId(),
                route.edifactQualifier(), Clock.systemUTC()),
                new hk.tsw.gateway.answer.WcoResponseWriter(Clock.systemUTC()), replies);
        windows = new hk.tsw.gateway.deliver.ServiceWindows(agencies, clock, deliver.windowCheckMs(), broker::queueDepths);
        // the message flow's routes, a class a stage, and the placeholders they read (StageRoutes)
        StageRoutes.addTo(main, new StageRoutes.Parts(s.mailboxRoot(), data, intake, route, deliver, brokerSettings,
                store, deliveries, partners, agencies, routing, broker, translateQueue, disk, replies, acks, checker,
                writeOffs, answers, windows, sftpPollerHere, webhooksHere));
        var apiSecurity = hk.tsw.gateway.api.access.ApiSecurityRoutes.load(config.resolve("users"),
                xsd.resolve("config/user.xsd"), partners, agencies, ApiSettings.from(s).userSecrets()::get, store);
        main.configure().addRoutesBuilder(apiSecurity);
        // partners and users reload without a restart, on every node (POST /api/config/reload, docs/OPERATIONS.md)
        ConfigReload reload = new ConfigReload(s, new ConfigReload.Fixed(config, xsd, agencies, routing, documents,
                engine.catalog().all()), partners, apiSecurity.users(), () -> soap,
                new hk.tsw.gateway.store.ConfigGenerations(store), cluster.nodeName());
        resources.add(reload);
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.ConfigRoutes(reload));
        // the API over the store and the broker: messages, contents, audit, queues, dead letters, replays (StoreApis)
        StoreApis.addTo(main, new StoreApis.Parts(store, deliveries, broker, deliver, disk, documents, translateQueue,
                replies, agencies));
        hk.tsw.gateway.api.CertificateInventory certificates = hk.tsw.gateway.api.CertificateInventory.of(config,
                partners, as2Settings, http.tlsKeystore(), http.tlsPassword(), sftpHostKey);
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.PartnerRoutes(partners, certificates, Clock.systemUTC()));
        DecisionStore decisionStore = new DecisionStore(store);
        main.configure().addRoutesBuilder(new DecisionRoutes(decisionStore, agencies, replies, answers,
                new hk.tsw.gateway.api.IssuedLicences(decisionStore, ledger))
                .auditJmsDecisionsIn(new hk.tsw.gateway.store.AuditLog(store)));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.LicenceRoutes(ledger, agencies, documents));
        RetentionJob retention = new RetentionJob(store, retentionSettings, documents, clock, retentionHere);
        main.configure().addRoutesBuilder(retention);
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.RestoreRoutes(retention.retention()));
        main.configure().addRoutesBuilder(new hk.tsw.gateway.api.SingletonRoutes(node.elector(),
                new hk.tsw.gateway.store.SingletonTenure(store)));
        // camel.* from the class-path gateway-camel.properties (HTTP server, management, metrics, timeouts), then the
        // listener's TLS settings when a key store is set
        CamelProperties.apply(main, s);
        HttpListener.configure(main, http);
        steps.done("routes");
        main.start();
        steps.done("camel");
        hk.tsw.gateway.api.access.ObserveGuard.install(main.getCamelContext(), apiSecurity.users(), "/observe");
        hk.tsw.gateway.api.console.ConsoleServer.install(main.getCamelContext(), apiSecurity.access(), apiSecurity.users(),
                store, hk.tsw.gateway.settings.ConsoleSettings.from(s));
        windows.start(main.getCamelContext());
        reload.start(main.getCamelContext(), cluster.configPollMs());
        // metrics, then the health checks: not ready until every listener is open (ListenersReadyCheck)
        ListenersReadyCheck listeners = Observability.register(main.getCamelContext(), resources, new Observability.Parts(
                store, agencies, node, retention, certificates, disk, broker, ds, http.databaseHealthTimeoutMs(), mappings));
        steps.done("health");

        // left unfinished by this node's previous run (on H2, the only node: everything unfinished), taken before
        // the channels open so that nothing received in this run is among them
        List<Long> leftOver = clustered ? unfinished.leftBy(cluster.nodeName()) : store.unfinished();
        sftp = SftpServer.start(intake.sftpHost(), intake.sftpPort(), s.mailboxRoot(),
                partners, sftpHostKey, () -> translateQueue.open() && !disk.status().paused(),
                intake.sftpMaxFileBytes());
        steps.done("sftp");
        if (soapSettings.enabled()) {
            soap = hk.tsw.gateway.intake.soap.SoapServer.start(soapSettings, ds, store, replies.store(), checker, partners,
                    translateQueue, disk);
        }
        steps.done("soap");
        if (as2Settings.enabled()) {
            as2 = As2Channel.start(as2Settings, partners, store, replies, translateQueue, main.getCamelContext(), disk,
                    as2SenderHere);
        }
        steps.done("as2");
        for (long id : leftOver) {
            translateQueue.accept(id);
            LOG.info("Re-queued interchange {} left unfinished by the previous run", id);
        }
        if (clustered) {
            hk.tsw.gateway.intake.UnfinishedSweep sweep = new hk.tsw.gateway.intake.UnfinishedSweep(unfinished,
                    node.elector()::alive, sweepHere, translateQueue::accept, cluster.sweepGraceMs(), Clock.systemUTC());
            resources.add(sweep);
            sweep.start(cluster.sweepMs());
        }
        listeners.ready();
        if (soap != null) {
            soap.afterReady();
        }
        drain = () -> disk.drainForStop("node " + cluster.nodeName() + " is stopping: nothing was stored, send again"
                + " (to another node)", intake.drainMs());
        if (!translate.compileEagerly()) {
            mappings.inBackground();
        }
        LOG.info("TSW Gateway ready in {} ms: SFTP {}:{}, HTTP {}:{}, AS2 {}, SOAP {}, data {}",
                (System.nanoTime() - t0) / 1_000_000, intake.sftpHost(), sftp.port(), http.host(), http.port(),
                as2 == null ? "off" : as2Settings.host() + ":" + as2.port() + as2Settings.path(),
                soap == null ? "off" : soapSettings.host() + ":" + soap.port() + soapSettings.path(), data);
        LOG.info("{}", steps);
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
        drain.run();
        // the channels first (no new work), then Camel's routes, then what they used, in reverse order of opening
        Shutdown.quietly("AS2 stop", as2);
        Shutdown.quietly("SOAP server stop", soap);
        Shutdown.quietly("SFTP server stop", sftp);
        Shutdown.quietly("service windows", windows);
        Shutdown.quietly("Camel stop", main == null ? null : main::stop);
        for (int i = resources.size() - 1; i >= 0; i--) {
            Shutdown.quietly("Stopping " + resources.get(i), resources.get(i));
        }
    }
}
