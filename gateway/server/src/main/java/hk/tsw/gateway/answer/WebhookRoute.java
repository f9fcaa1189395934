package hk.tsw.gateway.answer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.store.WebhookStore;
import org.apache.camel.builder.RouteBuilder;

/**
 * Posts each timeline event of a partner's submissions to the webhook URL allowed in its partner file, as JSON
 * signed with {@code X-TSW-Signature: sha256=<hex HMAC-SHA256 of the body>} under the partner's secret (from the
 * secrets file, never from config). Failures back off exponentially (1 s doubling, at most 5 min) and are retried
 * from the same event, so a partner sees every event, in order, at least once ({@code eventId} lets it drop repeats).
 * In a cluster the sender is a singleton: the timer sends only while {@code leading} says this node holds it
 * (store/SingletonElector), asked before each partner's batch. The hooks follow a configuration reload of the partners
 * (a changed URL is called from the next poll; a partner given a webhook starts at the end of the timeline then); the
 * secrets are settings, read at start, so a partner given a webhook needs its secret there already.
 */
public final class WebhookRoute extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebhookRoute.class);

    /** A partner with a webhook: its id, the allowed URL and its secret. */
    public record Hook(String partner, String url, String secret) {

        /**
         * The hooks of the partners with a webhook and a secret ({@code secrets}: partner id to secret); a partner with
         * a webhook but no secret is logged and left out (nothing unsigned is sent).
         */
        public static java.util.List<Hook> of(hk.tsw.gateway.partner.PartnerRegistry partners,
                Map<String, String> secrets) {
            java.util.List<Hook> hooks = new java.util.ArrayList<>();
            for (var p : partners.all()) {
                String secret = secrets.getOrDefault(p.id(), "");
                if (p.reply().webhook().isPresent() && secret.isBlank()) {
                    LOG.warn("Partner {} has a webhook but no gateway.webhook.{}.secret in the secrets file: not sent",
                            p.id(), p.id());
                } else if (p.reply().webhook().isPresent()) {
                    hooks.add(new Hook(p.id(), p.reply().webhook().get(), secret));
                }
            }
            return hooks;
        }
    }

    private final WebhookStore store;
    private volatile java.util.List<Hook> hooks;
    /** Partners whose webhook cursor exists (made once each, at start or when a reload brings the hook). */
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final java.util.function.BooleanSupplier leading;

    /** @param secrets partner id to its webhook secret (settings, read at start) */
    public WebhookRoute(WebhookStore store, hk.tsw.gateway.partner.PartnerRegistry partners, Map<String, String> secrets,
                        java.util.function.BooleanSupplier leading) {
        this.store = store;
        this.hooks = Hook.of(partners, secrets);
        this.leading = leading;
        partners.onReplace(reloaded -> hooks = Hook.of(reloaded, secrets));
    }

    @Override
    public void configure() {
        hooks.forEach(this::register);
        from("timer:tsw-webhooks?period={{gateway.webhook.poll.ms}}&delay=1000")
                .routeId("partner-webhooks")
                .process(e -> poll());
    }

    /** One round: each hook's next events, while this node leads. */
    void poll() {
        for (Hook h : hooks) {
            if (leading.getAsBoolean()) {
                register(h);
                store.sendNext(h.partner(), 50, event -> send(h, event));
            }
        }
    }

    private void register(Hook h) {
        if (!registered.contains(h.partner())) {
            store.register(h.partner());
            registered.add(h.partner());
        }
    }

    String send(Hook hook, Map<String, Object> event) {
        try {
            byte[] body = json.writeValueAsBytes(event);
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-TSW-Signature", "sha256=" + sign(hook.secret(), body))
                    .header("X-TSW-Event-Id", String.valueOf(event.get("eventId")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status + " from " + hook.url();
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
