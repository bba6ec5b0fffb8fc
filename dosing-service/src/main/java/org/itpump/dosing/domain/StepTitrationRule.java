package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * At most maxStepIncrease per change and at most maxIncreases increases in any rolling window (ziconotide:
 * 2.4 mcg/day, 3 in 7 days). The window ending at the proposal is (changedAt - window, changedAt]: an
 * increase exactly 7 days earlier has left it. Earlier windows were checked when their changes were made.
 */
public record StepTitrationRule(BigDecimal maxStepIncrease, int maxIncreases, Duration window) implements TitrationRule {

    @Override
    public void checkIncrease(Drug drug, DoseHistory history, DoseChange proposed) {
        BigDecimal step = proposed.newDailyDose().subtract(proposed.previousDailyDose());
        if (step.compareTo(maxStepIncrease) > 0) {
            throw new RuleViolationException("The " + drug.code() + " increase of " + step.toPlainString() + " " + drug.perDay()
                    + " exceeds the maximum step of " + maxStepIncrease.toPlainString() + " " + drug.perDay());
        }
        long increases = history.increasesAfter(proposed.changedAt().minus(window)) + 1;
        if (increases > maxIncreases) {
            throw new RuleViolationException("The " + drug.code() + " dose may be increased at most " + maxIncreases
                    + " times in any " + window.toDays() + " days; this would be increase " + increases);
        }
    }
}
