package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * At a refill, the volume measured in the reservoir against the volume expected from the previous fill:
 * fill volume - whole days elapsed x daily volume (at the total possible daily dose, never below 0). A
 * shortfall of more than 2 mL (strictly) suggests the previous fill went into the pocket around the pump, not
 * the reservoir: a possible pocket fill, to be investigated. The flag is decided on exact figures; the
 * expected residual is reported rounded half-up to 0.01 mL. A measured excess is not a pocket fill.
 */
public record ResidualVolumeCheck(long daysElapsed, BigDecimal expectedResidualMl, BigDecimal measuredResidualMl,
                                  boolean possiblePocketFill) {

    public static final BigDecimal POCKET_FILL_SHORTFALL_ML = new BigDecimal("2");

    public static ResidualVolumeCheck of(PumpProgram program, ReservoirFill previousFill, LocalDate refilledOn,
                                         BigDecimal measuredResidualMl) {
        long days = ChronoUnit.DAYS.between(previousFill.filledOn(), refilledOn);
        if (days < 0) {
            throw new RuleViolationException("The refill on " + refilledOn + " precedes the previous fill on " + previousFill.filledOn());
        }
        if (measuredResidualMl.signum() < 0) {
            throw new RuleViolationException("A measured residual volume cannot be negative, was " + measuredResidualMl.toPlainString() + " mL");
        }
        BigDecimal concentration = program.concentrationPerMl();
        BigDecimal deliveredDose = program.totalPossibleDailyDose().multiply(BigDecimal.valueOf(days));
        BigDecimal fillDose = previousFill.volumeMl().multiply(concentration);
        // In drug amounts (mL x concentration), so nothing is divided before comparing.
        BigDecimal expectedDose = fillDose.subtract(deliveredDose).max(BigDecimal.ZERO);
        BigDecimal shortfallDose = expectedDose.subtract(measuredResidualMl.multiply(concentration));
        boolean pocketFill = shortfallDose.compareTo(POCKET_FILL_SHORTFALL_ML.multiply(concentration)) > 0;
        return new ResidualVolumeCheck(days, expectedDose.divide(concentration, 2, RoundingMode.HALF_UP),
                measuredResidualMl, pocketFill);
    }
}
