package hk.tsw.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.CanonicalSchema;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The whole engine on EDIFACT bytes: envelope, segment table, data elements, Smooks/Daffodil, the mapping XSLT and
 * canonical validation. Its promise ({@link TranslationEngine}): nothing is thrown for bad input, every problem comes
 * back located. So every message is either a canonical document that validates against the canonical schema, or a
 * rejection with located errors (or rejected with its interchange, whose errors say why); and the engine's last-resort
 * catch ("the file could not be processed") never fires, because that is an exception nobody expected.
 *
 * <p>The engine is the real one, started once per JVM by {@link TestEngine} (compiled directories cached in
 * {@code gateway/server/target/dfdl-cache}). The seeds are real samples, so mutations reach past the UNB into the messages.
 */
class TranslationEngineFuzzTest {

    /** Smaller than the scanner's cap: a message through Daffodil and XSLT costs milliseconds, not microseconds. */
    static final int MAX_INPUT = 64 * 1024;

    private static TranslationEngine engine;
    private static Schema canonical;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.get();
        canonical = CanonicalSchema.load();
    }

    @Timeout(30)
    @DictionaryFile(resourcePath = "/hk/tsw/gateway/fuzz/edifact.dict")
    @FuzzTest(maxDuration = FuzzRuns.MAX_DURATION)
    void translate(FuzzedDataProvider data) throws Exception {
        byte[] edi = data.consumeRemainingAsBytes();
        if (edi.length > MAX_INPUT) {
            return;
        }
        TranslationResult r = engine.translate("fuzz.edi", edi);
        boolean xml = looksLikeXml(edi);
        for (LocatedError e : r.fileErrors()) {
            assertFalse(e.reason().startsWith("the file could not be processed"), () -> "the engine's safety net "
                    + "caught an unexpected exception (see the log): " + e.format());
            checkLocated(e, xml);
        }
        int delivered = 0;
        for (MessageOutcome m : r.messages()) {
            if (m.accepted()) {
                checkCanonical(m);
            } else {
                assertTrue(!m.errors().isEmpty() || (m.rejectedWithInterchange() && !r.fileErrors().isEmpty()),
                        () -> "message " + m.messageRef() + " is rejected without a reason");
                m.errors().forEach(e -> checkLocated(e, xml));
            }
            delivered += m.edifact() == null ? 0 : 1;
        }
        if (!xml) {
            assertEquals(r.interchanges().stream().mapToInt(InterchangeSummary::messageCount).sum(), delivered,
                    "one outcome per message the envelope delivered");
            assertFalse(r.interchanges().isEmpty(), "every input gets an envelope verdict");
        }
        assertTrue(r.messages().size() > 0 || !r.fileErrors().isEmpty(), "an input with no outcome and no error");
    }

    private static void checkCanonical(MessageOutcome m) throws Exception {
        assertNotNull(m.document().documentType());
        assertNotNull(m.document().outputName());
        // Validated again here, independently of the engine's own check.
        SecureXml.validator(canonical).validate(new StreamSource(new ByteArrayInputStream(m.document().xml())));
    }

    private static void checkLocated(LocatedError e, boolean xml) {
        assertFalse(e.reason() == null || e.reason().isBlank(), () -> "no reason: " + e);
        if (xml) {
            assertNotNull(e.xpath(), () -> "an XML error without its XPath: " + e);
        } else {
            assertTrue(e.segmentNumber() > 0 || e.segmentTag() != null, () -> "not located: " + e.format());
        }
        assertFalse(e.format().isBlank());
    }

    /** The engine's own rule: the first non-blank byte after an optional BOM is '<'. */
    private static boolean looksLikeXml(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < b.length && Character.isWhitespace(b[i])) {
            i++;
        }
        return i < b.length && b[i] == '<';
    }
}
