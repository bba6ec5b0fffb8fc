package org.itpump.chassis.timer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How {@link DueTimers} polls and retries ({@code itpump.timers.*}). */
@ConfigMapping(prefix = "itpump.timers")
public interface TimerSettings {

    /** How often due timers are looked for (the {@code @Scheduled} poll reads the same property). */
    @WithDefault("10s")
    Duration pollInterval();

    /** The wait after a timer's first failure to fire; it doubles with each further failure. */
    @WithDefault("30s")
    Duration retryBackoffInitial();

    /** The longest wait between two attempts of a failing timer. */
    @WithDefault("1h")
    Duration retryBackoffMax();

    /** After this many failures in a row the handler's alert is raised, once. */
    @WithDefault("5")
    int alertAfterFailures();
}
