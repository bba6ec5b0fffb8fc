package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * At a refill, the volume measured in the reservoir against the volume the reservoir timeline expects then
 * (every program since the previous fill, {@link ReservoirTimeline#volumeAt}). A shortfall strictly above
 * the threshold suggests the previous fill went into the pocket around the pump, not the reservoir: a possible
 * pocket fill, to be investigated. The threshold scales with the reservoir: reservoir volume x
 * thresholdMlPerReservoirMl (0.05 by default: 1 mL for a 20 mL pump, 2 mL for a 40 mL pump). The flag is
 * decided on exact figures; the expected residual and the threshold are reported rounded half-up to 0.01 mL.
 * A measured excess is not a pocket fill. Source: issue 12 section 1; FDA safety communications on pocket
 * fills of implanted infusion pumps (a refill volume that does not match the expected residual).
 */
public record ResidualVolumeCheck(BigDecimal expectedResidualMl, BigDecimal measuredResidualMl, BigDecimal thresholdMl,
                                  boolean possiblePocketFill) {

    public static ResidualVolumeCheck of(BigDecimal expectedResidualMl, BigDecimal measuredResidualMl,
                                         BigDecimal reservoirVolumeMl, BigDecimal thresholdMlPerReservoirMl) {
        if (measuredResidualMl.signum() < 0) {
            throw new RuleViolationException("A measured residual volume cannot be negative, was "
                    + measuredResidualMl.toPlainString() + " mL");
        }
        if (thresholdMlPerReservoirMl.signum() <= 0) {
            throw new IllegalArgumentException("The pocket-fill threshold must be above 0 mL per reservoir mL");
        }
        BigDecimal threshold = reservoirVolumeMl.multiply(thresholdMlPerReservoirMl);
        boolean pocketFill = expectedResidualMl.subtract(measuredResidualMl).compareTo(threshold) > 0;
        return new ResidualVolumeCheck(expectedResidualMl.setScale(2, RoundingMode.HALF_UP), measuredResidualMl,
                threshold.setScale(2, RoundingMode.HALF_UP), pocketFill);
    }
}
