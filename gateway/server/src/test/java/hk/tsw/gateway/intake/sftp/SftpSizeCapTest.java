package hk.tsw.gateway.intake.sftp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SFTP upload above {@code gateway.sftp.max.file.bytes} is refused while it is written, with a message the partner's
 * client shows; nothing of it is kept or recorded, and the same partner's normal files and other partners' files are
 * taken as usual.
 */
class SftpSizeCapTest {

    private static final int CAP = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void an_upload_over_the_cap_is_refused_with_a_clear_message_and_others_keep_working() throws Exception {
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of("gateway.sftp.max.file.bytes",
                String.valueOf(CAP)))) {
            byte[] normal = ProcessHarness.declaration("CAPOK1");
            StringBuilder big = new StringBuilder(new String(normal, StandardCharsets.ISO_8859_1));
            while (big.length() <= CAP * 2) {
                big.append(new String(normal, StandardCharsets.ISO_8859_1));
            }
            // (a session that fails for another reason, an SSH time-out on a loaded machine, is tried again)
            Exception refused = null;
            for (int attempt = 0; attempt < 5 && (refused == null
                    || !String.valueOf(refused.getMessage()).contains("gateway.sftp.max.file.bytes")); attempt++) {
                refused = assertThrows(Exception.class, () ->
                        gw.upload("demofwd", "huge.edi", big.toString().getBytes(StandardCharsets.ISO_8859_1)));
            }
            assertTrue(String.valueOf(refused.getMessage()).contains("gateway.sftp.max.file.bytes"),
                    "the partner is told why: " + refused);

            gw.uploadRetrying("demofwd", "normal.edi", normal);
            String manifest = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demoline-manifest.edi"),
                    StandardCharsets.ISO_8859_1);
            gw.uploadRetrying("demoline", "manifest.edi", manifest.getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(120)).until(() -> gw.get("/api/messages?reference=CAPOK1").body()
                    .contains("normal.edi") && gw.get("/api/messages?partner=DEMOLINE").body().contains("\"id\""));
            assertFalse(gw.get("/api/messages?partner=DEMOFWD").body().contains("huge.edi"), "the huge file not recorded");
            try (Stream<Path> files = Files.walk(gw.mailbox("DEMOFWD"))) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("huge.edi")),
                        "nothing of the huge file kept in the mailbox");
            }
        }
    }
}
