package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.time.Duration;
import java.time.Instant;

/**
 * A theatre booking's time: in the future, between 30 minutes and 8 hours long (the two-part implant
 * usually takes one to three hours). Overlaps are refused by PostgreSQL, not here.
 */
public record TheatreSlot(Instant start, Duration duration) {

    static final Duration SHORTEST = Duration.ofMinutes(30);
    static final Duration LONGEST = Duration.ofHours(8);

    public static TheatreSlot book(Instant start, int durationMinutes, Instant now) {
        Duration duration = Duration.ofMinutes(durationMinutes);
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw new RuleViolationException("A theatre booking lasts 30 to 480 minutes, not " + durationMinutes);
        }
        if (!start.isAfter(now)) {
            throw new RuleViolationException("Surgery must be booked in the future, not at " + start);
        }
        return new TheatreSlot(start, duration);
    }

    public Instant end() {
        return start.plus(duration);
    }
}
