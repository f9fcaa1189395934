package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopping node drains (gateway.intake.drain.ms): readiness goes DOWN saying the node is stopping and a partner's
 * new upload is refused, while the node and its listeners are still up, so a load balancer and the partner move to
 * another node instead of finding the port closed. The drain here is long (2 minutes) and ended by interrupting the
 * stopping thread once both were seen, so nothing depends on how fast the machine is.
 */
class IntakeDrainTest {

    @TempDir
    Path dir;

    @Test
    void a_stopping_node_is_not_ready_and_refuses_new_uploads_before_its_listeners_close() throws Exception {
        byte[] sample = Files.readAllBytes(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"));
        RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of("gateway.intake.drain.ms", "120000"));
        Thread stopping = new Thread(gw::close, "test-stop");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> gw.getAs(null, "/observe/health/ready").statusCode() == 200);
            gw.upload("demofwd", "before-stop.edi", sample); // the control: the same upload is taken while running
            stopping.start();
            Awaitility.await().atMost(Duration.ofSeconds(100))
                    .until(() -> gw.getAs(null, "/observe/health/ready").statusCode() == 503);
            String full = gw.get("/observe/health?exposureLevel=full").body();
            assertTrue(full.contains("the node is stopping"), full);
            assertEquals(200, gw.getAs(null, "/observe/health/live").statusCode(), "stopping is not a reason to restart");
            assertThrows(Exception.class, () -> gw.upload("demofwd", "during-stop.edi", sample),
                    "a new upload is refused while the node drains");
            assertTrue(stopping.isAlive(), "still draining: the refusal came from the node, not a closed port");
        } finally {
            if (stopping.isAlive()) {
                stopping.interrupt(); // ends the drain; the node then stops as usual
                stopping.join(120_000);
            } else if (stopping.getState() == Thread.State.NEW) {
                gw.close();
            }
        }
    }
}
