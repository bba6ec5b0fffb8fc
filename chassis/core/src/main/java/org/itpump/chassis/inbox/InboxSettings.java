package org.itpump.chassis.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the {@link InboundEventProcessor} waits ({@code itpump.inbox.*}). The inbox's consumer name is not here: it is
 * {@code quarkus.application.name}, so that every replica of a service is one consumer.
 */
@ConfigMapping(prefix = "itpump.inbox")
public interface InboxSettings {

    /** The longest back-off between two attempts of an event whose effect failed for a transient reason. */
    @WithDefault("30s")
    Duration maxBackOff();

    /** How long an event that arrived before the state it needs is held (its partition waits) before dead-lettering. */
    @WithDefault("5m")
    Duration holdFor();
}
