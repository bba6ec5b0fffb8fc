package org.itpump.followup.service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Stored times are UTC with microseconds, what timestamptz keeps, so a reloaded value equals the written one. */
final class Times {

    private Times() {
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return utc(time.toInstant());
    }

    static OffsetDateTime now(Clock clock) {
        return utc(clock.instant());
    }
}
