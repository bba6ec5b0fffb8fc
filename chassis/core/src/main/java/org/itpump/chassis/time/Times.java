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

    /**
     * A time as a contract's {@code date-time} (RFC 3339): seconds always written. {@code OffsetDateTime.toString()}
     * leaves out zero seconds ("2026-12-01T12:00Z"), which is no RFC 3339 date-time: at a whole minute with zero
     * microseconds an event written so would fail its own schema downstream. Jackson writes payload fields this way
     * already; use this wherever a time is turned into text by hand.
     */
    public static String format(OffsetDateTime time) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    /** A time in any offset as a stored time (UTC, microseconds): the same instant. */
    public static OffsetDateTime utc(OffsetDateTime time) {
        return utc(time.toInstant());
    }
}
