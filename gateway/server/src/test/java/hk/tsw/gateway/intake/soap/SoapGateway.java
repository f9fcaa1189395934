package hk.tsw.gateway.intake.soap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.intake.soap.contract.SubmissionPortType;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.handler.WSHandlerConstants;

/**
 * One real gateway for every SOAP test class of the test JVM (boot is the expensive part): embedded Artemis and H2,
 * CED a real HTTP agency on loopback, the SOAP service on a free loopback port with a 1 MiB body cap and at most 20,000 elements per request. Its config is
 * the repository's plus the TEST-ONLY partner DEMOSIGNER (must sign). Clients are generated from the WSDL the
 * running service publishes, with CXF's own WS-Security out-interceptor.
 */
final class SoapGateway {

    static final String DEMOTRADER_PASSWORD = "demotrader-DEMO-ONLY-password";
    static final String DEMOFWD_PASSWORD = "demofwd-DEMO-ONLY-password";
    static final String DEMOSIGNER_PASSWORD = "demosigner-TEST-ONLY-password";
    static final long BODY_CAP = 1024 * 1024;
    /** Lower than the default so a request over it still fits under the body cap. */
    static final int MAX_ELEMENTS = 20_000;

    private static SoapGateway instance;

    final RunningGateway gw;
    final AgencyStub ced;
    final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private SoapGateway(Path dir) throws Exception {
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        Path config = dir.resolve("config");
        Files.createDirectories(config.resolve("partners"));
        Files.createDirectories(config.resolve("test-soap"));
        Path resources = TestEngine.REPO.resolve("gateway/server/src/test/resources/soap");
        Files.copy(resources.resolve("DEMOSIGNER.xml"), config.resolve("partners/DEMOSIGNER.xml"));
        Files.copy(resources.resolve("demosigner-soap.pem"), config.resolve("test-soap/demosigner-soap.pem"));
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.soap.max.body.bytes", String.valueOf(BODY_CAP));
        settings.put("gateway.soap.DEMOSIGNER.password", DEMOSIGNER_PASSWORD);
        settings.put("gateway.soap.max.element.count", String.valueOf(MAX_ELEMENTS));
        gw = new RunningGateway(dir, Map.of("CED", ced.url()), settings);
        url = "http://127.0.0.1:" + gw.runtime.soapPort() + "/ws/submission";
    }

    static synchronized SoapGateway get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("tsw-soap-test");
            instance = new SoapGateway(dir);
        }
        return instance;
    }

    /**
     * Closes the shared gateway when the whole test run ends (JUnit's root store), not in a JVM shutdown hook:
     * Surefire gives the fork 30 s after {@code System.exit}, and a gateway's orderly stop on a loaded machine can
     * take longer, which failed the build after every test had passed.
     */
    static final class Closer implements org.junit.jupiter.api.extension.BeforeAllCallback {
        @Override
        public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
            context.getRoot().getStore(org.junit.jupiter.api.extension.ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Closer.class, k -> (AutoCloseable) () -> {
                        synchronized (SoapGateway.class) {
                            if (instance != null) {
                                instance.gw.close();
                                instance.ced.close();
                                instance = null;
                            }
                        }
                    });
        }
    }

    /** A client of the published WSDL sending a UsernameToken (PasswordDigest, nonce, created) and a Timestamp. */
    SubmissionPortType usernameClient(String user, String password) throws Exception {
        return SoapClients.usernameToken(url, user, password);
    }

    /** A client signing Timestamp and Body (or only {@code parts}) with a PKCS#12 key, certificate sent inline. */
    SubmissionPortType signingClient(Path p12, String alias, String keyPassword, String parts) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, keyPassword.toCharArray());
        }
        Merlin crypto = new Merlin();
        crypto.setKeyStore(ks);
        Map<String, Object> p = new HashMap<>();
        p.put(WSHandlerConstants.ACTION, WSHandlerConstants.TIMESTAMP + " " + WSHandlerConstants.SIGNATURE);
        p.put(WSHandlerConstants.SIGNATURE_USER, alias);
        p.put(WSHandlerConstants.SIG_PROP_REF_ID, "testSigningCrypto");
        p.put("testSigningCrypto", crypto);
        p.put(WSHandlerConstants.SIG_KEY_ID, "DirectReference");
        p.put(WSHandlerConstants.SIGNATURE_PARTS, parts);
        p.put(WSHandlerConstants.PW_CALLBACK_REF, SoapClients.passwords(keyPassword));
        return client(p);
    }

    static final String SIGN_BODY_AND_TIMESTAMP = "{}{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity"
            + "-utility-1.0.xsd}Timestamp;{}{http://schemas.xmlsoap.org/soap/envelope/}Body";

    private SubmissionPortType client(Map<String, Object> props) throws Exception {
        return SoapClients.withSecurity(url, props);
    }

    /** A raw POST of a SOAP envelope (no client library): for attacks a real client would never send. */
    HttpResponse<String> post(byte[] envelope) throws Exception {
        // a fresh client per raw request: after an attack the server may have closed a pooled connection mid-request
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=UTF-8")
                .timeout(java.time.Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=UTF-8")
                .timeout(java.time.Duration.ofSeconds(30)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What has left the gateway or is on its way: agency requests, and interchanges not rejected. */
    record Forwarded(int cedRequests, long interchanges) {
    }

    /**
     * The count once the pipeline is quiet (nothing received but unfinished, the same counts twice in a row), so
     * deliveries of earlier tests' submissions are not taken for something the request under test caused.
     */
    Forwarded forwarded() throws Exception {
        Forwarded[] last = {snapshot()};
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(700)).until(() -> {
                    Forwarded now = snapshot();
                    boolean quiet = now.equals(last[0]) && !gw.get("/api/messages?state=RECEIVED").body().contains("\"id\"")
                            && deliveriesSettled();
                    last[0] = now;
                    return quiet;
                });
        return last[0];
    }

    /** Every delivery of every message has reached the agency or been given up (DELIVERED or DEAD). */
    private boolean deliveriesSettled() throws Exception {
        String all = gw.get("/api/messages?limit=1000").body();
        for (String id : all.split("\"id\" : ")) {
            if (!Character.isDigit(id.charAt(0))) {
                continue;
            }
            String detail = gw.get("/api/messages/" + id.replaceAll("(?s)^(\\d+).*", "$1")).body();
            // the deliveries' own states (the answers to the partner have states of their own, PENDING until collected)
            for (com.fasterxml.jackson.databind.JsonNode d : JSON.readTree(detail).path("deliveries")) {
                if ("PENDING".equals(d.path("state").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    private Forwarded snapshot() throws Exception {
        String all = gw.get("/api/messages?limit=1000").body();
        long accepted = List.of(all.split("\"id\" :")).stream().skip(1)
                .filter(m -> !m.contains("\"state\" : \"REJECTED\"")).count();
        return new Forwarded(ced.requests().size(), accepted);
    }
}
