package hk.tsw.gateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The ports a test gives its servers: each free when handed out, none twice, and (where the kernel's ephemeral range
 * leaves room below it) outside the range the kernel picks from for outgoing connections and {@code bind(0)}, so that
 * nothing else on the machine is given one between the test choosing it and its server binding it.
 */
class FreePortsTest {

    @Test
    void ports_are_free_distinct_and_below_the_ephemeral_range() throws Exception {
        int ephemeralLow = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .trim().split("\\s+")[0]);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = FreePorts.take();
            assertTrue(seen.add(port), "port " + port + " handed out twice");
            if (ephemeralLow >= 12_000) {
                assertTrue(port >= 10_000 && port < ephemeralLow, port + " outside [10000, " + ephemeralLow + ")");
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertEquals(port, s.getLocalPort());
            }
        }
    }
}
