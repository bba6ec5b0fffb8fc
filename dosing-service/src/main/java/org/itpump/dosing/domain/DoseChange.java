package org.itpump.dosing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A change of the programmed daily dose, in the drug's unit, effective at changedAt. */
public record DoseChange(Instant changedAt, BigDecimal previousDailyDose, BigDecimal newDailyDose) {

    public DoseChange {
        Objects.requireNonNull(changedAt, "changedAt");
        if (previousDailyDose.signum() <= 0 || newDailyDose.signum() <= 0) {
            // A pump delivers a minimum rate; 0 would make a percentage rule meaningless.
            throw new IllegalArgumentException("Daily doses of a change must be above 0, were "
                    + previousDailyDose.toPlainString() + " -> " + newDailyDose.toPlainString());
        }
    }

    public boolean isIncrease() {
        return newDailyDose.compareTo(previousDailyDose) > 0;
    }
}
