package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a daily dose that passed the hard limits: within the usual starting range, or outside it,
 * which a clinician may override with a reason, as on a smart pump. Above the starting maximum is the soft
 * limit (PCC 2017 starting doses); below the starting minimum is checked too (issue 12 section 3: a dose a
 * thousand times too low is the mark of a mg/mcg mix-up, and under-dosing baclofen is withdrawal).
 */
public record LimitCheck(String drugCode, BigDecimal dailyDose, BigDecimal softLimit, DoseUnit unit,
                         boolean softLimitExceeded, BigDecimal softMinimum, boolean belowSoftMinimum) {

    /**
     * Accepts the dose. Outside the starting range it needs a non-blank reason, and the override to record is
     * returned; within it there is nothing to record and any reason is ignored.
     */
    public Optional<LimitOverride> acceptWith(String overrideReason) {
        if (!softLimitExceeded && !belowSoftMinimum) {
            return Optional.empty();
        }
        String perDay = unit.symbol() + "/day";
        BigDecimal limit = softLimitExceeded ? softLimit : softMinimum;
        LimitOverride.Rule rule = softLimitExceeded ? LimitOverride.Rule.STARTING_MAXIMUM : LimitOverride.Rule.STARTING_MINIMUM;
        if (overrideReason == null || overrideReason.isBlank()) {
            String what = softLimitExceeded ? " exceeds the soft limit of " : " is below the usual starting minimum of ";
            throw new RuleViolationException("The " + drugCode + " daily dose " + dailyDose.toPlainString() + " " + perDay
                    + what + limit.toPlainString() + " " + perDay + ": an override reason is required",
                    List.of("drug: " + drugCode, "dailyDose: " + dailyDose.toPlainString() + " " + perDay,
                            (softLimitExceeded ? "softLimit: " : "softMinimum: ") + limit.toPlainString() + " " + perDay));
        }
        return Optional.of(new LimitOverride(drugCode, dailyDose, limit, unit, overrideReason.strip(), rule));
    }
}
