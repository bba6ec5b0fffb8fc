package org.itpump.dosing.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How many days a drug may stay in the pump reservoir after a fill. A figure is null where the library cites
 * none: then only the low-reservoir alarm bounds the refill. Ziconotide adsorbs to a new pump's inner
 * surfaces, so its first fill expires sooner, and a diluted solution sooner than an undiluted one.
 */
public record ReservoirStability(Integer refillDays, Integer firstFillDays, Integer dilutedRefillDays) {

    public static final ReservoirStability NONE_CITED = new ReservoirStability(null, null, null);

    /** The shortest limit that applies to this fill, if the library gives any. */
    public Optional<Integer> limitDays(boolean firstFill, boolean diluted) {
        return Stream.of(refillDays, firstFill ? firstFillDays : null, diluted ? dilutedRefillDays : null)
                .filter(Objects::nonNull).min(Integer::compare);
    }
}
