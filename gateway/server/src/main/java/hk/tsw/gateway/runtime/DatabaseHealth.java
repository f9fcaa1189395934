package hk.tsw.gateway.runtime;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The message store in {@code /observe/health} and {@code /observe/health/ready} (check {@code tsw/database}): DOWN
 * while the database does not answer a validity check within {@code timeoutMs} (a load balancer must not wait for the
 * pool's own connection time-out). Readiness only: the pool reconnects by itself, a restart would not help.
 */
public final class DatabaseHealth extends ReadinessCheck implements AutoCloseable {

    private final DataSource ds;
    private final long timeoutMs;
    private final ExecutorService probe = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tsw-database-health");
        t.setDaemon(true);
        return t;
    });

    public DatabaseHealth(DataSource ds, long timeoutMs) {
        super("database");
        this.ds = ds;
        this.timeoutMs = timeoutMs;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Future<Boolean> answer = probe.submit(() -> {
            try (Connection c = ds.getConnection()) {
                return c.isValid((int) Math.max(1, timeoutMs / 1000));
            }
        });
        try {
            if (answer.get(timeoutMs, TimeUnit.MILLISECONDS)) {
                builder.up();
            } else {
                builder.message("the message store's database answers, but the connection is not valid").down();
            }
        } catch (TimeoutException e) {
            answer.cancel(true);
            builder.message("the message store's database did not answer within " + timeoutMs + " ms").down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted").down();
        } catch (Exception e) {
            builder.message("the message store's database cannot be reached: " + e.getCause()).down();
        }
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
