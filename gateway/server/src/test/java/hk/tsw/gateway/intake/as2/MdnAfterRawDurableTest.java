package hk.tsw.gateway.intake.as2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import hk.tsw.gateway.store.As2Store;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.testsupport.TestCertificates;
import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw AS2 message is kept on a background thread while the payload is stored; the MDN's exchange record, and so
 * the MDN, must wait for it: a raw write that fails means nothing recorded and no MDN (the listener answers 503 and
 * the partner resends), and the responder waits for the write before it records anything.
 */
class MdnAfterRawDurableTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    @Test
    void no_exchange_is_recorded_and_no_mdn_given_when_the_raw_message_could_not_be_kept() throws Exception {
        Rig rig = new Rig(tmp, pools);
        UncheckedIOException diskFull = new UncheckedIOException(new java.io.IOException("no space left on device"));

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> rig.mdns.answer(rig.message, null, rig.mdn, rig.evidence(), CompletableFuture.failedFuture(diskFull)));

        assertSame(diskFull, thrown, "the write's own failure, as if it had run on the listener's thread");
        assertTrue(rig.as2.find(As2Store.IN, "DEMOFWD", rig.message.messageId(), Duration.ofDays(1)).isEmpty(),
                "no exchange recorded");
    }

    @Test
    void the_responder_waits_for_the_raw_message_before_it_records_the_exchange() throws Exception {
        Rig rig = new Rig(tmp, pools);
        AtomicReference<Boolean> nothingRecordedWhenWaited = new AtomicReference<>();
        CompletableFuture<String> rawKept = new CompletableFuture<>() {
            @Override
            public String join() {
                nothingRecordedWhenWaited.set(rig.as2.find(As2Store.IN, "DEMOFWD", rig.message.messageId(),
                        Duration.ofDays(1)).isEmpty());
                complete("raw");
                return super.join();
            }
        };

        As2Receiver.Response r = rig.mdns.answer(rig.message, null, rig.mdn, rig.evidence(), rawKept);

        assertEquals(Boolean.TRUE, nothingRecordedWhenWaited.get(), "waited for the raw file, before recording");
        assertEquals(200, r.status());
        assertTrue(rig.as2.find(As2Store.IN, "DEMOFWD", rig.message.messageId(), Duration.ofDays(1)).isPresent());
    }

    /** An MdnResponder on a real store, with one message that asks for a signed synchronous MDN. */
    private static final class Rig {
        final As2Store as2;
        final MdnResponder mdns;
        final As2Message message;
        final MdnWriter.Mdn mdn;

        Rig(Path tmp, TestPools pools) throws Exception {
            MessageStore store = pools.store("h2", tmp.resolve("db"));
            as2 = new As2Store(store);
            Instant now = Instant.now();
            TestCertificates.Identity gw = TestCertificates.create("TSWGATEWAY", now.minus(1, ChronoUnit.DAYS),
                    now.plus(30, ChronoUnit.DAYS));
            Path keys = tmp.resolve("keys");
            java.nio.file.Files.createDirectories(keys);
            gw.writePem(keys.resolve("gw.cert.pem"), keys.resolve("gw.key.pem"));
            mdns = new MdnResponder("TSWGATEWAY", GatewayKeys.load(keys), as2, new MdnWriter("TSW test"), Duration.ofDays(1));
            message = new As2Message(Map.of("AS2-From", "DEMOFWD", "AS2-To", "TSWGATEWAY", "Message-ID", "<raw-1@partner>",
                    "Disposition-Notification-To", "mdn@partner", "Disposition-Notification-Options",
                    "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256",
                    "Content-Type", "application/edifact"), "UNB+...'".getBytes(StandardCharsets.US_ASCII));
            mdn = new MdnWriter.Mdn(message.messageId(), "TSWGATEWAY", null, "received", "mic", "sha-256");
        }

        As2Store.Exchange evidence() {
            return new As2Store.Exchange(0, As2Store.IN, null, "DEMOFWD", "TSWGATEWAY", message.messageId(), null, null,
                    "raw", null, true, true, false, "mic", "sha-256", null, null, "NONE", null, null, null, null, null,
                    null, "detail", Instant.now(), null);
        }
    }
}
