package hk.tsw.gateway.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What makes this node one of several (issue 15), read once at start: its name ({@code gateway.node.name}; empty: the
 * host name and the HTTP port, e.g. {@code gw-a:8080}, or {@code node-1} when the host has no name), shown in every log
 * line and on {@code /api/singletons}; and how often the singletons' locks are checked and, by a node that holds none,
 * tried again ({@code gateway.singleton.retry.ms}); how often the node looks for a newer configuration generation
 * recorded by a reload on any node ({@code gateway.config.poll.ms}); how often the unfinished-work sweep looks
 * ({@code gateway.unfinished.sweep.ms}) and how long an interchange recorded by a live node may wait for its hand-off to
 * the broker before the sweep re-queues it anyway ({@code gateway.unfinished.grace.ms}); how long the writer of those
 * hand-off marks pauses between its transactions ({@code gateway.unfinished.queued.marks.pause.ms}, see
 * {@code store.QueuedMarks}).
 */
public record ClusterSettings(String nodeName, long singletonRetryMs, long configPollMs, long sweepMs, long sweepGraceMs,
                              long queuedMarksPauseMs) {

    public static ClusterSettings from(GatewaySettings s) {
        String name = s.get("gateway.node.name");
        return new ClusterSettings(name.isBlank() ? defaultName(s.getInt("gateway.http.port")) : name,
                s.getLong("gateway.singleton.retry.ms"), s.getLong("gateway.config.poll.ms"),
                s.getLong("gateway.unfinished.sweep.ms"), s.getLong("gateway.unfinished.grace.ms"),
                s.getLong("gateway.unfinished.queued.marks.pause.ms"));
    }

    static String defaultName(int httpPort) {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host == null || host.isBlank() ? "node-1" : host + ":" + httpPort;
        } catch (UnknownHostException e) {
            return "node-1";
        }
    }
}
