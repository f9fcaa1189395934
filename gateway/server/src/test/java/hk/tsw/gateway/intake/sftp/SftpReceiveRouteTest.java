package hk.tsw.gateway.intake.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox poller lists partner folders and inboxes only (the end-to-end intake is in GatewayPipelineTest). */
class SftpReceiveRouteTest {

    @Test
    void walks_partner_folders_and_their_inboxes_and_nothing_else() {
        assertTrue(SftpReceiveRoute.mailboxWalk("DEMOFWD"));
        assertTrue(SftpReceiveRoute.mailboxWalk("DEMOFWD/inbox"));
        assertTrue(SftpReceiveRoute.mailboxWalk("DEMOFWD\\inbox"));
        assertFalse(SftpReceiveRoute.mailboxWalk("DEMOFWD/outbox"), "answers waiting to be collected are not listed");
        assertFalse(SftpReceiveRoute.mailboxWalk("DEMOFWD/processed"));
        assertFalse(SftpReceiveRoute.mailboxWalk("DEMOFWD/processed/20261128"));
        assertFalse(SftpReceiveRoute.mailboxWalk("DEMOFWD/inbox/sub"));
    }

    @TempDir
    Path tmp;

    @Test
    void nodes_sharing_a_mailbox_folder_share_its_poller_and_nodes_with_their_own_do_not() throws Exception {
        Path shared = tmp.resolve("shared/sftp");
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            Callable<String> read = () -> SftpReceiveRoute.mailboxStoreId(shared);
            List<Future<String>> ids = nodes.invokeAll(List.of(read, read, read, read));
            String first = ids.get(0).get();
            for (Future<String> id : ids) {
                assertEquals(first, id.get(), "every node that sees the folder reads one id");
            }
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(SftpReceiveRoute.mailboxStoreId(shared), SftpReceiveRoute.mailboxStoreId(shared));
        assertNotEquals(SftpReceiveRoute.mailboxStoreId(shared), SftpReceiveRoute.mailboxStoreId(tmp.resolve("own/sftp")));
        try (var files = Files.list(shared)) {
            assertEquals(List.of(".tsw-mailbox-store"), files.map(f -> f.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
    }
}
