package hk.tsw.gateway.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.testsupport.As2Posts;
import hk.tsw.gateway.testsupport.PartnerPosts;
import hk.tsw.gateway.testsupport.PartnerSftp;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.WsseEnvelope;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The partners of {@link ClusterIT}: the demo forwarder lodging the demo declaration by SFTP, AS2 (signed, encrypted,
 * signed MDN) or SOAP (UsernameToken digest, the interchange as base64) at one node. A request refused with a
 * retryable answer (SFTP failure status, AS2 503, a SOAP fault that is not about the document) or not answered at all
 * (the node is down) is sent again to ANOTHER node, the next one round, until it is acknowledged; an AS2 resend keeps
 * its Message-ID and bytes, a SOAP resend gets a fresh nonce and timestamp. Refusals are counted by kind; an answer
 * that is neither an acknowledgement nor retryable (a fault about the document, an AS2 error disposition) is kept
 * apart, for the test to fail on.
 */
final class ClusterClients {

    enum Door { SFTP, AS2, SOAP }

    /** One acknowledged message: at which node, after how many refused attempts, and what it got (for resends). */
    record Sent(String ref, Door door, int node, int refusals, As2Posts.Prepared as2, String as2Answer,
                String soapEnvelope) {
    }

    /** One attempt's outcome: acknowledged, or refused for {@code reason}. */
    private record Attempt(boolean acknowledged, String reason, boolean retryable, String body) {
        static Attempt ok(String body) {
            return new Attempt(true, null, true, body);
        }

        static Attempt refused(String reason, boolean retryable) {
            return new Attempt(false, reason, retryable, null);
        }
    }

    /** How long one message is sent again before the test fails (a node restart under load takes minutes here). */
    private static final Duration PATIENCE = Duration.ofMinutes(6);
    private static final Pattern FAULT = Pattern.compile("<faultstring[^>]*>([^<]{0,70})");

    private final ClusterRig rig;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final As2Posts as2 = new As2Posts();
    /** Document number (DOC-ref) to what was acknowledged. */
    final Map<String, Sent> acknowledged = new ConcurrentHashMap<>();
    /** Refused attempts by kind, e.g. "AS2 503", "SFTP no answer". */
    final Map<String, AtomicInteger> refusals = new ConcurrentSkipListMap<>();
    /** Answers that were neither an acknowledgement nor retryable: must stay empty. */
    final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    ClusterClients(ClusterRig rig) throws Exception {
        this.rig = rig;
    }

    /** Message {@code i} of a run: the doors in turn, and each door at each node in turn. */
    Sent send(String prefix, int i) throws Exception {
        Door door = Door.values()[i % 3];
        return send(prefix + door.name().charAt(0) + i, door, (i / 3) % rig.nodes.size());
    }

    /** Sends until acknowledged, each retry to the next node; throws when PATIENCE is used up. */
    Sent send(String ref, Door door, int firstNode) throws Exception {
        As2Posts.Prepared m = door == Door.AS2 ? as2.declaration(ref, "<" + ref + "@cluster.partner.test>") : null;
        int node = firstNode;
        int refused = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String envelope = door == Door.SOAP ? envelope(ref, WsseEnvelope.nonce()) : null;
            Attempt a = switch (door) {
                case SFTP -> sftp(ref, node);
                case AS2 -> as2(m, node);
                case SOAP -> soap(envelope, node);
            };
            if (a.acknowledged()) {
                Sent s = new Sent(ref, door, node, refused, m, a.body(), envelope);
                acknowledged.put("DOC-" + ref, s);
                return s;
            }
            refused++;
            refusals.computeIfAbsent(a.reason(), k -> new AtomicInteger()).incrementAndGet();
            if (!a.retryable()) {
                unexpected.add(ref + " at " + rig.nodes.get(node).name() + ": " + a.reason());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(ref + " by " + door + " not acknowledged after " + refused
                        + " attempts over " + PATIENCE + "; last: " + a.reason());
            }
            node = (node + 1) % rig.nodes.size(); // sent again to ANOTHER node
            Thread.sleep(200);
        }
    }

    /** Messages acknowledged after at least one refusal, i.e. taken when sent again elsewhere. */
    long resentElsewhere(Set<String> docs) {
        return docs.stream().map(acknowledged::get).filter(s -> s.refusals() > 0).count();
    }

    Set<String> docs() {
        return new TreeSet<>(acknowledged.keySet());
    }

    /** A snapshot of the refused attempts by kind. */
    Map<String, Integer> refusalsByKind() {
        Map<String, Integer> now = new java.util.TreeMap<>();
        refusals.forEach((k, v) -> now.put(k, v.get()));
        return now;
    }

    /** Refused attempts by kind since {@code before} (a {@link #refusalsByKind()} snapshot). */
    Map<String, Integer> refusalsSince(Map<String, Integer> before) {
        Map<String, Integer> since = new java.util.TreeMap<>();
        refusalsByKind().forEach((k, v) -> {
            if (v > before.getOrDefault(k, 0)) {
                since.put(k, v - before.getOrDefault(k, 0));
            }
        });
        return since;
    }

    int refusalCount() {
        return refusals.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private Attempt sftp(String ref, int node) {
        try (PartnerSftp sftp = new PartnerSftp("demofwd", rig.nodes.get(node).sftp())) {
            sftp.upload(ref + ".edi", ProcessHarness.declaration(ref));
            return Attempt.ok(null);
        } catch (SftpException e) {
            return Attempt.refused("SFTP refused (status " + e.getStatus() + ")", true);
        } catch (Exception e) {
            return Attempt.refused("SFTP no answer (" + e.getClass().getSimpleName() + ")", true);
        }
    }

    HttpResponse<String> post(As2Posts.Prepared m, int node) throws Exception {
        return As2Posts.post(http, rig.nodes.get(node).as2(), m);
    }

    private Attempt as2(As2Posts.Prepared m, int node) {
        HttpResponse<String> r;
        try {
            r = post(m, node);
        } catch (Exception e) {
            return Attempt.refused("AS2 no answer (" + e.getClass().getSimpleName() + ")", true);
        }
        String disposition = PartnerPosts.disposition(r);
        if ("automatic-action/MDN-sent-automatically; processed".equals(disposition)) {
            return Attempt.ok(r.body());
        }
        return r.statusCode() == 200 || r.statusCode() < 500
                ? Attempt.refused("AS2 " + r.statusCode() + " " + disposition, false)
                : Attempt.refused("AS2 " + r.statusCode(), true);
    }

    /** SubmitDocument with the interchange {@code ref} as base64, under this nonce and the time now. */
    static String envelope(String ref, byte[] nonce) throws Exception {
        String body = "<tsw:SubmitDocumentRequest><tsw:Interchange contentType=\"application/EDIFACT\">"
                + Base64.getEncoder().encodeToString(ProcessHarness.declaration(ref))
                + "</tsw:Interchange><tsw:FileName>" + ref + ".edi</tsw:FileName></tsw:SubmitDocumentRequest>";
        return WsseEnvelope.envelope("", "demofwd", "demofwd-DEMO-ONLY-password", nonce, Instant.now(), body);
    }

    HttpResponse<String> postSoap(String envelope, int node) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.nodes.get(node).soap()
                        + "/ws/submission")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Attempt soap(String envelope, int node) {
        HttpResponse<String> r;
        try {
            r = postSoap(envelope, node);
        } catch (Exception e) {
            return Attempt.refused("SOAP no answer (" + e.getClass().getSimpleName() + ")", true);
        }
        if (r.statusCode() == 200 && r.body().contains("MessageId")) {
            return Attempt.ok(r.body());
        }
        Matcher f = FAULT.matcher(r.body());
        String reason = "SOAP " + r.statusCode() + (r.body().contains("INTAKE_PAUSED") ? " INTAKE_PAUSED"
                : f.find() ? " " + f.group(1).replaceAll("\\d+", "#") : "");
        boolean aboutTheDocument = r.body().matches("(?s).*(INVALID_|NOT_SUBMITTER|NOT_ALLOWED|BAD_REQUEST).*");
        return Attempt.refused(reason, r.statusCode() >= 500 && !aboutTheDocument);
    }
}
