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

    /**
     * Refuses a fill dated after today (hospital zone) or before the therapy's previous fill (null when there is
     * none): a future date would plan the refill from a fill not yet made, an out-of-order one would make the
     * reservoir timeline run backwards. Source: issue 12 section 5.
     */
    public void requireDated(LocalDate today, LocalDate previousFilledOn) {
        if (filledOn.isAfter(today)) {
            throw new RuleViolationException("A refill cannot be dated in the future: filledOn " + filledOn
                    + " is after today, " + today);
        }
        if (previousFilledOn != null && filledOn.isBefore(previousFilledOn)) {
            throw new RuleViolationException("A refill cannot precede the previous fill: filledOn " + filledOn
                    + " is before " + previousFilledOn);
        }
    }

    /** A refill of an undiluted drug. */
    public static ReservoirFill refill(LocalDate filledOn, BigDecimal volumeMl) {
        return new ReservoirFill(filledOn, volumeMl, false, false);
    }
}
