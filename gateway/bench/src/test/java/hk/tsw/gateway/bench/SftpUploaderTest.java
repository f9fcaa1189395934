package hk.tsw.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import hk.tsw.gateway.testsupport.InterchangeGenerator;
import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.Test;

/** A partner's uploads on a loaded machine: a failed step is tried again on a new session, counted, and named. */
class SftpUploaderTest {

    @Test
    void a_session_that_never_opens_is_tried_the_given_times_and_the_failure_names_the_step_and_the_partner()
            throws Exception {
        int port = GatewayUnderTest.freePort(); // nothing listens there
        List<InterchangeGenerator.Interchange> files = new InterchangeGenerator(1).mixed(2, 1);
        List<String> progress = new CopyOnWriteArrayList<>();
        List<String> uploaded = new CopyOnWriteArrayList<>();
        SshClient client = SftpUploader.client(Duration.ofSeconds(5));
        try {
            SftpUploader.SftpStepFailed e = assertThrows(SftpUploader.SftpStepFailed.class,
                    () -> SftpUploader.uploadAll(client, Path.of("config"), "demofwd", port, files, 3,
                            f -> uploaded.add(f.fileName()), progress::add));
            assertTrue(e.getMessage().contains("connect to 127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getMessage().contains("as demofwd"), e.getMessage());
            assertTrue(e.getMessage().contains("--sftp-timeout 5 s"), e.getMessage());
            assertTrue(e.getMessage().contains("attempt 3 of 3"), e.getMessage());
        } finally {
            client.stop();
        }
        assertEquals(2, progress.size(), "two retries reported: " + progress);
        assertTrue(progress.get(0).contains("attempt 2 of 3"), progress.get(0));
        assertEquals(List.of(), uploaded, "nothing counted as uploaded");
    }
}
