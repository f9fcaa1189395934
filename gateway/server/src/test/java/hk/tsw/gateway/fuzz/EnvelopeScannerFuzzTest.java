package hk.tsw.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.edifact.Segment;
import org.junit.jupiter.api.Timeout;

/**
 * The streaming envelope scanner on arbitrary bytes. Its promise (class comment of {@link EnvelopeScanner}): nothing
 * is thrown for bad data, only for I/O failures of the stream, and a byte array has none; every problem is a
 * {@link LocatedError} with its 0085 code. On top of that this checks the bookkeeping a CONTRL is written from:
 * every interchange that starts also ends, the message counts agree with the messages delivered, segment numbers
 * only grow, and {@link InterchangeHeaders#peek} (what a transport authorises on) agrees with the scanner.
 *
 * <p>Inputs are capped at {@value #MAX_INPUT} bytes so memory stays bounded (libFuzzer itself grows inputs only to a
 * few KB; the 1 MiB segment limit has its own unit tests in {@code EnvelopeScannerTest}); {@code @Timeout} becomes
 * libFuzzer's per-input timeout when fuzzing, so a loop is a finding.
 */
class EnvelopeScannerFuzzTest {

    static final int MAX_INPUT = 256 * 1024;

    @Timeout(10)
    @DictionaryFile(resourcePath = "/hk/tsw/gateway/fuzz/edifact.dict")
    @FuzzTest(maxDuration = FuzzRuns.MAX_DURATION)
    void scan(FuzzedDataProvider data) {
        byte[] edi = data.consumeRemainingAsBytes();
        if (edi.length > MAX_INPUT) {
            return;
        }
        for (boolean allowUnicodeUnderSyntax3 : new boolean[]{false, true}) {
            Recorder r = new Recorder();
            try {
                new EnvelopeScanner(allowUnicodeUnderSyntax3).scan(new ByteArrayInputStream(edi), r);
            } catch (IOException e) {
                throw new AssertionError("bad data must be reported, not thrown: " + e.getMessage(), e);
            }
            r.checkContract();
            checkPeekAgrees(edi, r);
        }
    }

    /** A transport authorises on {@link InterchangeHeaders#peek}: whatever UNB it sees, the scanner must see too. */
    private static void checkPeekAgrees(byte[] edi, Recorder r) {
        Optional<InterchangeHeader> peeked = InterchangeHeaders.peek(edi);
        if (peeked.isPresent()) {
            InterchangeHeader scanned = r.summaries.get(0).header();
            assertNotNull(scanned, "peek found a UNB that the scanner did not");
            assertEquals(peeked.get().segment().elementCount(), scanned.segment().elementCount());
        }
    }

    /** Records the listener calls and checks them against the scanner's contract. */
    private static final class Recorder implements EnvelopeScanner.Listener {
        final List<InterchangeSummary> summaries = new ArrayList<>();
        final List<List<EdifactMessage>> messagesPerInterchange = new ArrayList<>();
        List<EdifactMessage> current = new ArrayList<>();
        boolean open;

        @Override
        public void interchangeStarted(InterchangeHeader header) {
            assertFalse(open, "an interchange started inside another");
            assertNotNull(header.charset(), "a started interchange has a supported charset");
            open = true;
        }

        @Override
        public void message(EdifactMessage m) {
            assertTrue(open, "a message outside a started interchange");
            assertFalse(m.segments().isEmpty());
            assertEquals("UNH", m.segments().get(0).tag(), "a message starts with its UNH");
            int last = 1;
            for (Segment s : m.segments()) {
                assertTrue(s.number() > last, "segment numbers grow from UNB = 1: " + s.number() + " after " + last);
                last = s.number();
            }
            m.errors().forEach(e -> checkLocated(e, LocatedError.Scope.MESSAGE));
            current.add(m);
        }

        @Override
        public void interchangeEnded(InterchangeSummary summary) {
            if (open) {
                assertNotNull(summary.header(), "a started interchange ends with its header");
            }
            summaries.add(summary);
            messagesPerInterchange.add(current);
            assertEquals(current.size(), summary.messageCount(), "UNZ bookkeeping counts the messages delivered");
            current = new ArrayList<>();
            open = false;
            summary.errors().forEach(e -> assertFalse(e.scope() == LocatedError.Scope.MESSAGE, e.format()));
            summary.errors().forEach(e -> checkLocated(e, e.scope()));
            if (summary.accepted()) {
                assertNotNull(summary.header(), "an accepted interchange has a UNB");
            }
        }

        void checkContract() {
            assertFalse(summaries.isEmpty(), "every input gets at least one verdict");
            assertFalse(open, "an interchange started and never ended");
            assertTrue(current.isEmpty(), "messages delivered after the last interchange ended");
        }

        private static void checkLocated(LocatedError e, LocatedError.Scope scope) {
            assertEquals(scope, e.scope());
            assertTrue(e.segmentNumber() > 0 || e.segmentTag() != null, () -> "not located: " + e);
            assertNotNull(e.syntaxCode(), () -> "an envelope error carries its 0085 code: " + e);
            assertFalse(e.reason() == null || e.reason().isBlank(), () -> "no reason: " + e);
            assertFalse(e.format().isBlank());
        }
    }
}
