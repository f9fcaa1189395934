package hk.tsw.gateway.runtime;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.answer.OutboxSweep;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.answer.WebhookRoute;
import hk.tsw.gateway.api.AgencyRoutes;
import hk.tsw.gateway.api.DecisionAnswers;
import hk.tsw.gateway.api.ValidateRoutes;
import hk.tsw.gateway.deliver.AgencyBatchConsumer;
import hk.tsw.gateway.deliver.AgencyDeliveryRoutes;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.deliver.DeliveryProcessor;
import hk.tsw.gateway.deliver.ServiceWindows;
import hk.tsw.gateway.intake.DiskGuard;
import hk.tsw.gateway.intake.ReceivedQueue;
import hk.tsw.gateway.intake.sftp.SftpReceiveRoute;
import hk.tsw.gateway.ledger.LicenceWriteOffs;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.route.DeliveryRelease;
import hk.tsw.gateway.route.InterchangeProcessor;
import hk.tsw.gateway.route.ReceivedBatchConsumer;
import hk.tsw.gateway.route.RoutingRoute;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.IntakeSettings;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.settings.RouteSettings;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.ReleaseStore;
import hk.tsw.gateway.store.WebhookStore;
import hk.tsw.gateway.translate.SubmissionChecker;
import org.apache.camel.main.Main;

/**
 * The message flow's routes, one class a stage, added in the order data flows (STYLE.md): intake (the SFTP mailbox
 * poller, {@code sftp-receive}), translate (the validate API a partner checks a file with), answer (webhooks), route
 * (routing and the hand-over to delivery) and deliver (a consumer group an agency, paced by its service window, whose
 * state {@code GET /api/agencies} shows); with the placeholders their endpoint URIs read (mailbox root, settle time,
 * consumers, queue names, data folder). The channels that are servers of their own (SFTP, SOAP, AS2) are started by
 * {@link GatewayRuntime}; the API over the store is {@link StoreApis}'; metrics and health are {@link Observability}'s.
 */
final class StageRoutes {

    /** What the stages' routes use. */
    record Parts(Path mailboxRoot, Path data, IntakeSettings intake, RouteSettings route, DeliverSettings deliver,
                 BrokerSettings brokerSettings, MessageStore store, DeliveryStore deliveries, PartnerRegistry partners,
                 AgencyRegistry agencies, RoutingTable routing, BrokerLink broker, ReceivedQueue translateQueue,
                 DiskGuard disk, PartnerReplies replies, Acknowledgements acks, SubmissionChecker checker,
                 LicenceWriteOffs writeOffs, DecisionAnswers answers, ServiceWindows windows,
                 BooleanSupplier sftpPollerHere, BooleanSupplier webhooksHere) {
    }

    private StageRoutes() {
    }

    static void addTo(Main main, Parts p) throws Exception {
        // what the routes' endpoint URIs read ({{gateway.queue.dead}} also DecisionRoutes', the data folder the
        // agencies' file endpoints)
        main.addInitialProperty("gateway.sftp.root", p.mailboxRoot().toString());
        main.addInitialProperty("gateway.data.dir", p.data().toString());
        main.addInitialProperty("gateway.sftp.settle.ms", String.valueOf(p.intake().sftpSettleMs()));
        main.addInitialProperty("gateway.delivery.consumers", String.valueOf(p.deliver().consumers()));
        main.addInitialProperty("gateway.queue.received", Queues.RECEIVED);
        main.addInitialProperty("gateway.queue.dead", Queues.DEAD);
        var routes = main.configure();
        routes.addRoutesBuilder(new SftpReceiveRoute(p.store(), p.replies(), p.intake().duplicateWindow(),
                p.translateQueue(), p.disk(), p.sftpPollerHere()));
        routes.addRoutesBuilder(new ValidateRoutes(p.checker(), p.acks(), p.partners(), p.writeOffs()));
        routes.addRoutesBuilder(new WebhookRoute(new WebhookStore(p.store()), p.partners(), p.route().webhookSecrets(),
                p.webhooksHere()));
        main.addInitialProperty("gateway.webhook.poll.ms", String.valueOf(p.route().webhookPollMs()));
        // SFTP answers whose write after their commit did not happen (PartnerReplies#send)
        routes.addRoutesBuilder(new OutboxSweep(p.replies(), java.time.Duration.ofMillis(p.route().outboxSweepGraceMs())));
        main.addInitialProperty("gateway.outbox.sweep.ms", String.valueOf(p.route().outboxSweepMs()));
        InterchangeProcessor translateAndRoute = new InterchangeProcessor(p.checker(), p.acks(), p.store(),
                p.partners(), p.routing(), p.replies(), p.writeOffs(), p.route().recordBatch());
        DeliveryRelease release = new DeliveryRelease(new ReleaseStore(p.store()), p.broker().cachedConnectionFactory(),
                p.route().releaseChunk());
        routes.addRoutesBuilder(new RoutingRoute(() -> new ReceivedBatchConsumer(translateAndRoute, release, p.store(),
                p.broker().connectionFactory(), p.route(), p.deliver(), p.brokerSettings().recoveryMs()),
                p.route().consumers()));
        // a delivery that will not reach its agency is answered to the sender (DecisionAnswers#sendRefusal)
        DeliveryProcessor handOver = new DeliveryProcessor(p.deliveries(), p.deliver().maxAttempts(),
                p.answers()::sendRefusal);
        routes.addRoutesBuilder(new AgencyDeliveryRoutes(p.agencies(), a -> new AgencyBatchConsumer(a, handOver,
                p.deliveries(), p.broker().cachedConnectionFactory(), p.deliver(), p.brokerSettings().recoveryMs()),
                p.windows(), p.deliver().consumers()));
        routes.addRoutesBuilder(new AgencyRoutes(p.windows()));
    }
}
