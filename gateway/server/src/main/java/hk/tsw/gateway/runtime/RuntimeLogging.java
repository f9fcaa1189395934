package hk.tsw.gateway.runtime;

import java.nio.file.Path;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Switches from the CLI's quiet logging to the running gateway's (console and {@code <data>/logs/gateway.log}). */
public final class RuntimeLogging {

    /** The logging context property every line of the running gateway shows the node's name from. */
    static final String NODE = "tsw.node";

    private RuntimeLogging() {
    }

    public static void configure(Path dataDir) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ctx.putProperty("tsw.log.dir", dataDir.resolve("logs").toAbsolutePath().toString());
        ctx.putProperty(NODE, "-");
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(ctx);
        try {
            c.doConfigure(RuntimeLogging.class.getResource("/logback-run.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("logging configuration /logback-run.xml is broken", e);
        }
    }

    /**
     * Names this node in every log line from now on, whatever thread logs it (a context property, not the MDC, which
     * is per thread and would miss the broker's, Camel's and SSHD's threads).
     */
    static void node(String name) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.putProperty(NODE, name);
        }
    }
}
