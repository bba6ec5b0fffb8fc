package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a daily dose that passed the hard limits: within the usual starting range, or over its
 * maximum (the soft limit), which a clinician may override with a reason, as on a smart pump.
 */
public record LimitCheck(String drugCode, BigDecimal dailyDose, BigDecimal softLimit, DoseUnit unit,
                         boolean softLimitExceeded) {

    /**
     * Accepts the dose. Over the soft limit it needs a non-blank reason, and the override to record is
     * returned; within it there is nothing to record and any reason is ignored.
     */
    public Optional<LimitOverride> acceptWith(String overrideReason) {
        if (!softLimitExceeded) {
            return Optional.empty();
        }
        if (overrideReason == null || overrideReason.isBlank()) {
            String perDay = unit.symbol() + "/day";
            throw new RuleViolationException("The " + drugCode + " daily dose " + dailyDose.toPlainString() + " " + perDay
                    + " exceeds the soft limit of " + softLimit.toPlainString() + " " + perDay + ": an override reason is required",
                    List.of("drug: " + drugCode, "dailyDose: " + dailyDose.toPlainString() + " " + perDay,
                            "softLimit: " + softLimit.toPlainString() + " " + perDay));
        }
        return Optional.of(new LimitOverride(drugCode, dailyDose, softLimit, unit, overrideReason.strip()));
    }
}
