package org.itpump.followup.service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Stored times are UTC with microseconds: the chassis' {@link org.itpump.chassis.time.Times}, under this package's short names. */
final class Times {

    private Times() {
    }

    static OffsetDateTime utc(Instant instant) {
        return org.itpump.chassis.time.Times.utc(instant);
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return org.itpump.chassis.time.Times.utc(time);
    }

    static OffsetDateTime now(Clock clock) {
        return org.itpump.chassis.time.Times.now(clock);
    }
}
