package hk.tsw.gateway.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import hk.tsw.gateway.testsupport.PartnerSftp;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.ThreadDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a process test leaves behind when a gateway stops taking uploads (ProcessHarness.uploadUntilTaken): the
 * gateway's threads, the test JVM's threads (its partners' shared SSH client), and a fresh SSH client's login, which
 * tells a stalled gateway from a stalled client; each checked here against a live gateway and a killed one.
 */
class StallDiagnosticsIT {
    @TempDir
    Path dir;

    @Test
    void a_stall_leaves_both_thread_dumps_and_says_whether_the_sftp_server_serves() throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of());
            String s = Files.readString(h.gateway.threadDump("check"));
            assertTrue(s.contains("Full thread dump") && s.contains("tsw-disk-guard"), s.substring(0, 500));
            String t = Files.readString(ThreadDumps.ofThisJvm(h.gateway.log(), "check"));
            assertTrue(t.contains("Full thread dump") && t.contains("StallDiagnosticsIT"), t.substring(0, 500));
            String p = PartnerSftp.probeWithFreshClient("demofwd", h.sftpPort);
            System.out.println(p);
            assertTrue(p.startsWith("a fresh SSH client logged in"), p);
            h.gateway.kill();
            p = PartnerSftp.probeWithFreshClient("demofwd", h.sftpPort);
            System.out.println(p);
            assertTrue(p.startsWith("a fresh SSH client could not"), p);
        }
    }
}
