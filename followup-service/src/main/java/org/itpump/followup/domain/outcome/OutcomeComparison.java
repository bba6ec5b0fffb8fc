package org.itpump.followup.domain.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * An assessment against the pre-trial baseline. Reductions are baseline - current: positive is better.
 * Percent = (baseline - current) / baseline x 100, computed exactly and rounded down (towards minus
 * infinity, like the trial's relief) to 2 decimals, so it never overstates an improvement nor understates
 * a worsening: 16.666.. % reads 16.66 and -33.333.. % reads -33.34. A percentage of a zero baseline does not
 * exist and is empty; the mg/day change needs only a recorded baseline.
 */
public record OutcomeComparison(PreTrialBaseline baseline, OutcomeAssessment current, int painReductionNrs,
                                Optional<BigDecimal> painReductionPercent, Optional<BigDecimal> mmeReductionMgPerDay,
                                Optional<BigDecimal> mmeReductionPercent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static OutcomeComparison compare(PreTrialBaseline baseline, OutcomeAssessment current) {
        BigDecimal baselineNrs = BigDecimal.valueOf(baseline.painNrs());
        Optional<BigDecimal> mmeReduction = baseline.oralMme().map(mme -> mme.subtract(current.oralMmePerDay()));
        return new OutcomeComparison(baseline, current, baseline.painNrs() - current.painNrs(),
                percentOf(baselineNrs.subtract(BigDecimal.valueOf(current.painNrs())), baselineNrs),
                mmeReduction,
                mmeReduction.flatMap(reduction -> percentOf(reduction, baseline.oralMmePerDay())));
    }

    private static Optional<BigDecimal> percentOf(BigDecimal reduction, BigDecimal baseline) {
        if (baseline.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(reduction.multiply(HUNDRED).divide(baseline, 2, RoundingMode.FLOOR));
    }
}
