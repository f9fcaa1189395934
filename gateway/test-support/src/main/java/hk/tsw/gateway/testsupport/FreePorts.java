package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the servers a test starts, free when handed out and never handed out twice by one JVM.
 *
 * <p>They come from below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}) when there is
 * room there: a port from {@code new ServerSocket(0)} is given back before the server (often another JVM, seconds
 * later) binds it, and in between any outgoing connection or other {@code bind(0)} on the machine may be given the same
 * port by the kernel; below the range the kernel never hands one out by itself. Without such room (a range starting
 * below 12,000), the kernel's choice, as before.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int EPHEMERAL_LOW = ephemeralLow();

    private FreePorts() {
    }

    /** A loopback port nothing listens on now, not handed out before by this JVM. */
    public static int take() throws IOException {
        if (EPHEMERAL_LOW - LOWEST < 2_000) {
            return kernelsChoice();
        }
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_LOW);
            if (HANDED_OUT.add(port)) {
                if (bindable(port)) {
                    return port;
                }
            }
        }
        return kernelsChoice();
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as the servers bind: a closed connection's TIME_WAIT does not block them
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelsChoice() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    /** The low end of the kernel's ephemeral range; 0 (no room below) where it cannot be read. */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
