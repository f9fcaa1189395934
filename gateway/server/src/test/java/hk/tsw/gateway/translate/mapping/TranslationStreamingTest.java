package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.testsupport.InterchangeGenerator;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.TestEngine;

/** The streaming entry point hands every message's outcome on, in order, and still checks the interchange's UNZ. */
class TranslationStreamingTest {

    @Test
    void every_message_of_a_large_interchange_reaches_the_sink_and_the_unz_is_checked() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int messages = new InterchangeGenerator(3).writeLarge(file, 60_000);
        List<MessageOutcome> seen = new ArrayList<>();
        List<InterchangeSummary> summaries = TestEngine.get().translateStreaming("large.edi",
                new ByteArrayInputStream(file.toByteArray()), seen::add);
        assertTrue(messages > 3, "the generator wrote " + messages + " messages");
        assertEquals(messages, seen.size());
        assertTrue(seen.stream().allMatch(MessageOutcome::accepted), () -> seen.get(0).errors().toString());
        assertEquals(List.of("1", String.valueOf(messages)), List.of(seen.get(0).messageRef(),
                seen.get(seen.size() - 1).messageRef()));
        assertEquals(1, summaries.size());
        assertTrue(summaries.get(0).accepted(), summaries.get(0).errors().toString());
    }
}
