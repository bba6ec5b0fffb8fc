package org.itpump.chassis.time;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one way the platform reads "now" for storage: UTC, truncated to microseconds, which is what PostgreSQL's
 * timestamptz keeps, so a value written and read back compares equal to the one still in memory (an aggregate's
 * event payload and its stored row say the same instant).
 */
public final class Times {

    private Times() {
    }

    /** The clock's instant as a stored time (UTC, microseconds). */
    public static OffsetDateTime now(Clock clock) {
        return utc(clock.instant());
    }

    /** An instant as a stored time (UTC, microseconds). */
    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A time in any offset as a stored time (UTC, microseconds): the same instant. */
    public static OffsetDateTime utc(OffsetDateTime time) {
        return utc(time.toInstant());
    }
}
