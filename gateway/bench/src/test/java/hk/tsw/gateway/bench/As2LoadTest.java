package hk.tsw.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The AS2 load's resend of a post that failed before any answer: same Message-ID, counted, never hiding a failure. */
class As2LoadTest {

    private static final As2PartnerClient.Answer OK = new As2PartnerClient.Answer(200, "text/plain", new byte[0]);

    private static List<As2PartnerClient.Prepared> messages(int n) {
        return IntStream.range(0, n).mapToObj(i -> new As2PartnerClient.Prepared("<m" + i + "@test>", Map.of(),
                new byte[] {(byte) i}, "mic" + i)).toList();
    }

    @Test
    void a_post_whose_connection_closed_before_any_answer_is_resent_with_the_same_message_id_and_counted()
            throws Exception {
        Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
        Set<String> failOnce = Set.of("<m3@test>", "<m7@test>");
        As2Load.Poster poster = m -> {
            int n = posts.computeIfAbsent(m.messageId(), k -> new AtomicInteger()).incrementAndGet();
            if (failOnce.contains(m.messageId()) && n == 1) {
                throw new IOException("HTTP/1.1 header parser received no bytes");
            }
            return OK;
        };
        As2Load.Result r = As2Load.run(poster, (m, a) -> null, messages(10), 3, 0);
        assertEquals(0, r.failures(), r.firstProblem());
        assertEquals(2, r.resentAfterNoAnswer());
        assertEquals(2, posts.get("<m3@test>").get(), "posted twice under its own Message-ID");
        assertEquals(1, posts.get("<m4@test>").get());
        assertEquals(10, posts.size(), "no message left out, none invented");
    }

    @Test
    void a_post_failing_every_time_stays_a_failure_after_the_resends_and_a_timeout_is_not_resent() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        As2Load.Result dead = As2Load.run(m -> {
            posts.incrementAndGet();
            throw new IOException("Connection reset");
        }, (m, a) -> null, messages(1), 1, 0);
        assertEquals(1, dead.failures());
        assertEquals(1 + As2Load.RESENDS, posts.get());
        assertEquals(As2Load.RESENDS, dead.resentAfterNoAnswer());
        assertTrue(dead.firstProblem().contains("Connection reset"), dead.firstProblem());

        posts.set(0);
        As2Load.Result slow = As2Load.run(m -> {
            posts.incrementAndGet();
            throw new HttpTimeoutException("request timed out");
        }, (m, a) -> null, messages(1), 1, 0);
        assertEquals(1, slow.failures(), "the gateway may still be working on it: not sent again, not hidden");
        assertEquals(1, posts.get());
        assertEquals(0, slow.resentAfterNoAnswer());
    }

    @Test
    void a_negative_answer_is_never_resent() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        As2Load.Result r = As2Load.run(m -> {
            posts.incrementAndGet();
            return OK;
        }, (m, a) -> "MDN says processed/error", messages(2), 1, 0);
        assertEquals(2, r.failures());
        assertEquals(2, posts.get());
        assertEquals(0, r.resentAfterNoAnswer());
    }
}
