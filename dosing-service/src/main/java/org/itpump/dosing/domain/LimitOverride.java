package org.itpump.dosing.domain;

import java.math.BigDecimal;

/**
 * A dose accepted beyond one of the drug's soft limits, with the clinician's reason: to be recorded with the
 * program. softLimit is the limit passed (in the drug's unit per day), rule says which.
 */
public record LimitOverride(String drugCode, BigDecimal dailyDose, BigDecimal softLimit, DoseUnit unit, String reason,
                            Rule rule) {

    /** Which soft limit: the usual starting maximum or minimum, or the largest decrease of a withdrawal-critical drug. */
    public enum Rule {
        STARTING_MAXIMUM, STARTING_MINIMUM, WITHDRAWAL_DECREASE
    }
}
