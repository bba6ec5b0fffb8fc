package org.itpump.console.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A linear time axis for the charts: maps an instant between {@code from} and {@code to} onto {@code widthPx}
 * pixels starting at {@code leftPx}. Instants outside are clamped to the edges; an empty span is widened to a minute
 * so that a pathway of one event still draws.
 */
public record TimeScale(Instant from, Instant to, double leftPx, double widthPx) {

    public TimeScale {
        if (!to.isAfter(from)) {
            to = from.plus(Duration.ofMinutes(1));
        }
    }

    /** The x coordinate of {@code at}, rounded to 0.1 px. */
    public double x(Instant at) {
        double span = Duration.between(from, to).toMillis();
        double offset = Duration.between(from, at).toMillis();
        double fraction = Math.min(1, Math.max(0, offset / span));
        return Math.round((leftPx + fraction * widthPx) * 10) / 10.0;
    }
}
