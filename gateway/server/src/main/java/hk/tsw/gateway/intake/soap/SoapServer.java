package hk.tsw.gateway.intake.soap;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.MessageQueries;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.ReplyStore;
import hk.tsw.gateway.intake.ReceivedQueue;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngine;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngineFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOAP submission service: a CXF JAX-WS endpoint (contract {@code xsd/soap/submission.wsdl}, published as
 * written at {@code ?wsdl}) on its own Undertow HTTP server bound to {@code gateway.soap.host}. In front of CXF the
 * HTTP body cap ({@link BodyCapHandler}); while CXF reads, Woodstox's limits (depth, attributes, children, text,
 * element count, characters) and a parser that refuses DTDs; then WS-Security ({@link SoapSecurityInterceptor}) and
 * the partner's authentication policy ({@link SoapAuthorizer}) before anything of the body is unmarshalled.
 */
public final class SoapServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SoapServer.class);

    private final Bus bus;
    private final Server server;
    private final SoapSettings settings;
    private final SoapPartners logins;
    private final StaxSecurityInit security;

    private SoapServer(Bus bus, Server server, SoapSettings settings, SoapPartners logins, StaxSecurityInit security) {
        this.bus = bus;
        this.server = server;
        this.settings = settings;
        this.logins = logins;
        this.security = security;
    }

    /**
     * Once the gateway is ready: initialises WSS4J's StAX side on a thread of its own (requests wait for it, see
     * {@link StaxSecurityInit}); kept off the way to ready, where it would cost about a CPU-second.
     */
    public void afterReady() {
        security.inBackground();
    }

    /**
     * The first half of a configuration reload: reads {@code next}'s SOAP logins (passwords from {@code secrets},
     * certificate files) and throws, changing nothing, when they cannot be used; the answer installs them, so the next
     * request is checked against them (a rotated certificate counts from the next message).
     */
    public Runnable prepareReload(PartnerRegistry next, SoapSettings secrets) throws Exception {
        SoapPartners.Logins prepared = new SoapPartners.Logins(next, secrets);
        return () -> logins.install(prepared);
    }

    /** Starts the service; submissions are handed to {@code translateQueue}. */
    public static SoapServer start(SoapSettings settings, DataSource ds, MessageStore store, ReplyStore replies,
                                   SubmissionChecker checker, PartnerRegistry partners,
                                   ReceivedQueue translateQueue, hk.tsw.gateway.intake.DiskGuard disk) throws Exception {
        String stax = StaxUtils.createXMLInputFactory(true).getClass().getName();
        if (!stax.startsWith("com.ctc.wstx.")) {
            throw new IllegalStateException("CXF would read SOAP messages with " + stax + ", not Woodstox: its limits"
                    + " would not apply");
        }
        Bus bus = BusFactory.newInstance().createBus();
        try {
            // The WSDL publishes the WS-SecurityPolicy the service's own interceptors enforce; CXF's policy engine
            // would enforce it a second, stricter way (and refuse today's clients), so it is off on this bus.
            org.apache.cxf.ws.policy.PolicyEngine policies = bus.getExtension(org.apache.cxf.ws.policy.PolicyEngine.class);
            if (policies != null) {
                policies.setEnabled(false);
            }
            UndertowHTTPServerEngine engine = bus.getExtension(UndertowHTTPServerEngineFactory.class)
                    .createUndertowHTTPServerEngine(settings.host(), settings.port(), "http");
            // the last is outermost: the body cap, then the wait for WSS4J's StAX side (see StaxSecurityInit), then CXF
            StaxSecurityInit security = new StaxSecurityInit();
            engine.setHandlers(List.of(new StaxSecurityGate(security),
                    new BodyCapHandler(settings.maxBodyBytes(), settings.maxDiscardBytes())));

            SoapPartners soapPartners = new SoapPartners(partners, settings);
            SoapIntake intake = new SoapIntake(checker, store, translateQueue, settings.duplicateWindow(), disk);
            SubmissionEndpoint endpoint = new SubmissionEndpoint(partners, intake,
                    new SoapStatus(new MessageQueries(store)), replies, settings.maxResponses());

            JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
            factory.setBus(bus);
            factory.setServiceClass(hk.tsw.gateway.intake.soap.contract.SubmissionPortType.class);
            factory.setServiceBean(endpoint);
            factory.setWsdlLocation("classpath:soap/submission.wsdl");
            factory.setServiceName(new javax.xml.namespace.QName(SoapAuthorizer.NS, "SubmissionService"));
            factory.setEndpointName(new javax.xml.namespace.QName(SoapAuthorizer.NS, "SubmissionPort"));
            factory.setAddress(settings.address());
            factory.setProperties(properties(settings, ds, soapPartners));
            factory.getInInterceptors().add(new RawRequest());
            factory.getInInterceptors().add(new SoapSecurityInterceptor());
            factory.getInInterceptors().add(new SoapAuthorizer(soapPartners));
            factory.getOutFaultInterceptors().add(new FaultReasons());
            Server server = factory.create();
            LOG.info("SOAP submission service at {} (WSDL {}?wsdl), body cap {} bytes, depth {}",
                    settings.address(), settings.address(), settings.maxBodyBytes(), settings.maxElementDepth());
            return new SoapServer(bus, server, settings, soapPartners, security);
        } catch (Exception | Error e) {
            bus.shutdown(true);
            throw e;
        }
    }

    private static Map<String, Object> properties(SoapSettings settings, DataSource ds, SoapPartners partners) {
        Map<String, Object> p = new HashMap<>();
        p.put(StaxUtils.MAX_ELEMENT_DEPTH, settings.maxElementDepth());
        p.put(StaxUtils.MAX_ATTRIBUTE_COUNT, settings.maxAttributeCount());
        p.put(StaxUtils.MAX_CHILD_ELEMENTS, settings.maxChildElements());
        p.put(StaxUtils.MAX_TEXT_LENGTH, settings.maxTextLength());
        p.put(StaxUtils.MAX_ELEMENT_COUNT, settings.maxElementCount());
        p.put(StaxUtils.MAX_XML_CHARACTERS, settings.maxXmlCharacters());
        Duration ttl = Duration.ofSeconds(settings.timestampTtlSeconds() + settings.futureSkewSeconds());
        p.put(SecurityConstants.ENABLE_NONCE_CACHE, "true");
        p.put(SecurityConstants.ENABLE_TIMESTAMP_CACHE, "true");
        p.put(SecurityConstants.NONCE_CACHE_INSTANCE, new DatabaseReplayCache(ds, "nonce", ttl));
        p.put(SecurityConstants.TIMESTAMP_CACHE_INSTANCE, new DatabaseReplayCache(ds, "timestamp", ttl));
        p.put(SecurityConstants.CALLBACK_HANDLER, partners);
        p.put(SecurityConstants.SIGNATURE_CRYPTO, partners.crypto());
        p.put(SecurityConstants.RETURN_SECURITY_ERROR, "true");
        p.put("timeToLive", String.valueOf(settings.timestampTtlSeconds()));
        p.put("futureTimeToLive", String.valueOf(settings.futureSkewSeconds()));
        p.put("utTimeToLive", String.valueOf(settings.timestampTtlSeconds()));
        p.put("utFutureTimeToLive", String.valueOf(settings.futureSkewSeconds()));
        return p;
    }

    public int port() {
        return settings.port();
    }

    @Override
    public void close() {
        server.destroy();
        bus.shutdown(true);
    }
}
