package hk.tsw.gateway.intake.sftp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
