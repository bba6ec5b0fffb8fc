package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Clinical checks on scheduling and on the implant record. */
public final class ImplantRules {

    /** Reservoirs of implanted intrathecal pumps hold up to 40 mL (20 and 40 mL models are usual). */
    static final BigDecimal MAX_RESERVOIR_ML = new BigDecimal("40");

    private ImplantRules() {
    }

    public static void requireFutureStart(OffsetDateTime scheduledStart, Instant now) {
        if (!scheduledStart.toInstant().isAfter(now)) {
            throw new RuleViolationException("Surgery must be scheduled in the future, not at " + scheduledStart);
        }
    }

    public static void requirePlausibleReservoir(BigDecimal reservoirVolumeMl) {
        if (reservoirVolumeMl.signum() <= 0 || reservoirVolumeMl.compareTo(MAX_RESERVOIR_ML) > 0) {
            throw new RuleViolationException("Reservoir volume must be above 0 and at most " + MAX_RESERVOIR_ML
                    + " mL, was " + reservoirVolumeMl.toPlainString() + " mL");
        }
    }
}
