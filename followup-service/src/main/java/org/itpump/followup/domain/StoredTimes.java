package org.itpump.followup.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times as stored and published: UTC with microseconds, what timestamptz keeps, so a reloaded value equals it. */
public final class StoredTimes {

    private StoredTimes() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime utc(OffsetDateTime time) {
        return utc(time.toInstant());
    }
}
