package hk.tsw.gateway.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The four invariants asserted after every reliability scenario, against a running gateway:
 * (1) every positively acknowledged message reached every routed agency exactly once (CSD by file, CED by
 * idempotency key; the same key arriving twice is allowed); (2) every rejected message was never forwarded;
 * (3) nothing is left in a broker queue but the dead letters, whose count is asserted; (4) the message store agrees
 * with the agency's ledger (as many CED deliveries DELIVERED as distinct keys in the ledger).
 */
public final class Invariants {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int httpPort;

    public Invariants(int httpPort) {
        this.httpPort = httpPort;
    }

    /** What an invariant check saw, for the report table. */
    public record Counts(int acknowledged, int delivered, long repeatedKeys, int lost, long dead) {
        @Override
        public String toString() {
            return "acknowledged " + acknowledged + ", delivered " + delivered + ", repeated deliveries (same key) "
                    + repeatedKeys + ", lost " + lost + ", dead letters " + dead;
        }
    }

    /**
     * @param acknowledged document numbers (DOC-...) of the messages that got a positive acknowledgement
     * @param rejected     document numbers of messages that were refused or rejected
     * @param dead         how many messages the dead-letter queue must hold
     */
    public Counts check(AgencyStub ced, Path data, Set<String> acknowledged, Set<String> rejected, long dead) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> csd(data).keySet().containsAll(acknowledged) && distinct(ced) >= acknowledged.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(notDelivered(ced, data, acknowledged), e);
        }
        Map<String, Long> csd = csd(data);
        for (String doc : acknowledged) {
            assertEquals(1L, csd.get(doc), "exactly once at CSD: " + doc);
        }
        for (String doc : rejected) {
            assertTrue(!csd.containsKey(doc), "a rejected message was forwarded: " + doc);
        }
        assertEquals(acknowledged.size(), distinct(ced), "every acknowledged message reached CED under one key");
        // a message whose acknowledgement was lost with a broker connection stays "in delivery" until the broker
        // gives the dead connection up (connection TTL) and redelivers it; processing is idempotent, so it then drains
        try {
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> queuesSettled(dead));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the queues did not settle (only tsw.dead may hold " + dead + "): " + queues(), e);
        }
        Map<String, Long> queues = queues();
        queues.forEach((q, n) -> assertEquals(q.equals("tsw.dead") ? dead : 0L, n, "queue " + q + ": " + queues));
        assertEquals(distinct(ced), deliveredToCedInStore(), "the message store agrees with CED's ledger");
        return new Counts(acknowledged.size(), acknowledged.size(), ced.ledger().size() - distinct(ced), 0, dead);
    }

    /** What was acknowledged and has not arrived, by agency, with each missing message's store record. */
    private String notDelivered(AgencyStub ced, Path data, Set<String> acknowledged) throws Exception {
        Set<String> missingAtCsd = new TreeSet<>(acknowledged);
        missingAtCsd.removeAll(csd(data).keySet());
        StringBuilder out = new StringBuilder("acknowledged messages not delivered within 600 s: ")
                .append(acknowledged.size()).append(" acknowledged, CED has ").append(distinct(ced))
                .append(" distinct keys, CSD lacks ").append(missingAtCsd.size()).append(' ').append(missingAtCsd)
                .append("; queues ").append(queues());
        int shown = 0;
        for (String doc : missingAtCsd) {
            if (shown++ == 5) {
                break;
            }
            out.append("\n").append(doc).append(" in the store: ").append(search(doc));
        }
        return out.toString();
    }

    /** The message list's search by reference (what an operator would look up first), or why it failed. */
    private String search(String doc) {
        try {
            return get("/api/messages?reference=" + java.net.URLEncoder.encode(doc, java.nio.charset.StandardCharsets.UTF_8)
                    + "&limit=5").replaceAll("\\s+", " ");
        } catch (Exception e) {
            return "(not asked: " + e + ")";
        }
    }

    private static long distinct(AgencyStub ced) throws Exception {
        return new TreeSet<>(ced.ledger()).size();
    }

    private boolean queuesSettled(long dead) throws Exception {
        return queues().entrySet().stream().allMatch(e -> e.getValue() == (e.getKey().equals("tsw.dead") ? dead : 0L));
    }

    /** Queue name to messages, from {@code GET /api/queues}. */
    public Map<String, Long> queues() throws Exception {
        String body = get("/api/queues");
        Map<String, Long> out = new TreeMap<>();
        Matcher m = Pattern.compile("\"(tsw\\.[^\"]+)\" : (\\d+)").matcher(body);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }

    private long deliveredToCedInStore() throws Exception {
        // every message, page by page (at most 1,000 a page, the API's maximum)
        Set<Long> interchanges = new TreeSet<>();
        String cursor = null;
        do {
            String list = get("/api/messages?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            Matcher ids = Pattern.compile("\"id\" : (\\d+)").matcher(list);
            while (ids.find()) {
                interchanges.add(Long.parseLong(ids.group(1)));
            }
            Matcher next = Pattern.compile("\"nextCursor\" : \"(\\d+)\"").matcher(list);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        long delivered = 0;
        Pattern cedDelivered = Pattern.compile("\"agency\" : \"CED\",\\s*\"state\" : \"DELIVERED\"");
        for (long id : interchanges) {
            Matcher m = cedDelivered.matcher(get("/api/messages/" + id));
            while (m.find()) {
                delivered++;
            }
        }
        return delivered;
    }

    private String get(String path) throws Exception {
        return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** CSD deliveries by document number (files {@code <DOC>-<documentId>.xml}). */
    public static Map<String, Long> csd(Path data) throws Exception {
        Path csd = data.resolve("agencies/CSD");
        if (!Files.isDirectory(csd)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(csd)) {
            return files.map(p -> p.getFileName().toString().replaceFirst("-\\d+\\.xml$", ""))
                    .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        }
    }
}
