package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The new dose may exceed by at most maxIncreasePercent the LOWEST dose in force at any moment of the
 * window before it (baclofen: 30 % per 24 h). With increases only, that is the dose in force 24 h earlier, so
 * two +20 % steps in a day are refused; taking the lowest also stops a decrease followed by a jump above
 * 30 % of it. A change exactly 24 h earlier is the dose in force at the window's start. Compared exactly.
 */
public record PercentTitrationRule(BigDecimal maxIncreasePercent, Duration window) implements TitrationRule {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Override
    public void checkIncrease(Drug drug, DoseHistory history, DoseChange proposed) {
        BigDecimal reference = history.lowestDoseInForceFrom(proposed.changedAt().minus(window));
        // new <= reference x (100 + p) / 100  <=>  new x 100 <= reference x (100 + p)
        if (proposed.newDailyDose().multiply(HUNDRED).compareTo(reference.multiply(HUNDRED.add(maxIncreasePercent))) > 0) {
            throw new RuleViolationException("The " + drug.code() + " daily dose " + Drug.plain(proposed.newDailyDose()).toPlainString()
                    + " " + drug.perDay() + " is more than " + maxIncreasePercent.toPlainString() + " % above "
                    + Drug.plain(reference).toPlainString() + " " + drug.perDay() + ", the lowest dose in force in the last "
                    + window.toHours() + " h");
        }
    }
}
