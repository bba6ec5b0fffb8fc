package org.itpump.chassis.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The {@link OutboxRelay}'s own settings ({@code itpump.outbox.*}). Its producer's timeouts are the Kafka channel's
 * ({@code mp.messaging.outgoing.outbox.*}), which the relay checks this against at start.
 */
@ConfigMapping(prefix = "itpump.outbox")
public interface OutboxSettings {

    /** Rows claimed and sent per drain (one probe row after a failed send). */
    @WithDefault("200")
    int batchSize();

    /** A safety net above the producer's own timeouts: must exceed 2 x delivery.timeout.ms + max.block.ms. */
    @WithDefault("60s")
    Duration ackTimeout();

    /** The fallback poll when no NOTIFY came (the {@code @Scheduled} poll reads the same property). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Whether the relay LISTENs for the outbox trigger's NOTIFY. The relay is woken in process right after a
     * transaction of this service commits ({@link PublishAfterCommit}); NOTIFY adds the commits of other replicas and
     * of plumbing outside a Panache transaction, and the poll sweeps the rest. Tests turn it off to see the in-process
     * path alone.
     */
    @WithDefault("true")
    boolean listen();

    /** How often the backlog and parking gauges are measured (read by the {@code @Scheduled} job). */
    @WithDefault("15s")
    Duration metricsInterval();
}
