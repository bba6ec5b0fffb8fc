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

    /** How often the backlog and parking gauges are measured (read by the {@code @Scheduled} job). */
    @WithDefault("15s")
    Duration metricsInterval();
}
