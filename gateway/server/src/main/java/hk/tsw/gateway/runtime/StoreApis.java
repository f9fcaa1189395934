package hk.tsw.gateway.runtime;

import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.api.AgencyDocumentRoutes;
import hk.tsw.gateway.api.As2EvidenceRoutes;
import hk.tsw.gateway.api.AuditRoutes;
import hk.tsw.gateway.api.DeadLetterRoutes;
import hk.tsw.gateway.api.DocumentRoutes;
import hk.tsw.gateway.api.IntakeRoutes;
import hk.tsw.gateway.api.MessageContentRoutes;
import hk.tsw.gateway.api.QueueRoutes;
import hk.tsw.gateway.api.ReplayRoutes;
import hk.tsw.gateway.api.StatusApiRoutes;
import hk.tsw.gateway.catalogue.DocumentCatalog;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.deliver.DeadLetterQueue;
import hk.tsw.gateway.deliver.DeadLetters;
import hk.tsw.gateway.intake.DiskGuard;
import hk.tsw.gateway.intake.ReceivedQueue;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.AgencyDocuments;
import hk.tsw.gateway.store.As2Store;
import hk.tsw.gateway.store.AuditLog;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageContent;
import hk.tsw.gateway.store.MessageQueries;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.Replays;
import org.apache.camel.main.Main;

/**
 * The HTTP API's routes that read the message store and the broker for people (docs/openapi.yaml): messages and their
 * timelines, contents (raw, documents, answers), AS2 evidence, the audit log, the document catalogue, intake state,
 * queue depths, dead letters and their re-drive, replays and an agency's documents. Who may call each is
 * {@code api/access/ApiRules}; the routes that need more of the running gateway (decisions, licences, configuration,
 * partners and certificates, retention, singletons) are wired by {@link GatewayRuntime} itself.
 */
final class StoreApis {

    /** What these routes read. */
    record Parts(MessageStore store, DeliveryStore deliveries, BrokerLink broker, DeliverSettings deliver,
                 DiskGuard disk, DocumentCatalog documents, ReceivedQueue translateQueue, PartnerReplies replies,
                 AgencyRegistry agencies) {
    }

    private StoreApis() {
    }

    static void addTo(Main main, Parts p) throws Exception {
        var routes = main.configure();
        routes.addRoutesBuilder(new StatusApiRoutes(new MessageQueries(p.store()), p.deliveries(),
                new DeadLetters(p.broker().connectionFactory(), Queues.DEAD, p.deliver().redriveReceiveTimeoutMs())));
        routes.addRoutesBuilder(new MessageContentRoutes(new MessageContent(p.store())));
        routes.addRoutesBuilder(new IntakeRoutes(p.disk()));
        routes.addRoutesBuilder(new AuditRoutes(new AuditLog(p.store())));
        routes.addRoutesBuilder(new DocumentRoutes(p.documents()));
        routes.addRoutesBuilder(new QueueRoutes(p.broker()::queueDepths));
        routes.addRoutesBuilder(new DeadLetterRoutes(new DeadLetterQueue(p.broker().connectionFactory(),
                p.deliver().redriveReceiveTimeoutMs()), p.deliveries()));
        routes.addRoutesBuilder(new As2EvidenceRoutes(new As2Store(p.store())));
        routes.addRoutesBuilder(new ReplayRoutes(new Replays(p.store()), p.translateQueue(), p.replies()));
        routes.addRoutesBuilder(new AgencyDocumentRoutes(new AgencyDocuments(p.store()), p.agencies()));
    }
}
