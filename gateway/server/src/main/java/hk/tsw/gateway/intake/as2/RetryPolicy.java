package hk.tsw.gateway.intake.as2;

import java.time.Duration;

/**
 * How often and how patiently the gateway retries what it sends partners over AS2 ({@code gateway.as2.outbound.*}):
 * at most {@code maxAttempts} attempts, the n-th retry {@code delay * 2^(n-1)} after the failure, never more than
 * {@code maxDelay}.
 */
record RetryPolicy(int maxAttempts, Duration delay, Duration maxDelay) {

    /** How long to wait after the {@code attempt}-th failed attempt (1-based). */
    Duration after(int attempt) {
        long ms = delay.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }
}
