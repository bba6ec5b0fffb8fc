package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A fill of the pump reservoir: the date, the volume put in, whether it is the first fill of the pump with
 * this drug and whether the drug was diluted (both shorten ziconotide's stability).
 */
public record ReservoirFill(LocalDate filledOn, BigDecimal volumeMl, boolean firstFill, boolean diluted) {

    public ReservoirFill {
        Objects.requireNonNull(filledOn, "filledOn");
        if (volumeMl.signum() <= 0) {
            throw new RuleViolationException("A fill volume must be above 0 mL, was " + volumeMl.toPlainString() + " mL");
        }
    }

    /** A refill of an undiluted drug. */
    public static ReservoirFill refill(LocalDate filledOn, BigDecimal volumeMl) {
        return new ReservoirFill(filledOn, volumeMl, false, false);
    }
}
