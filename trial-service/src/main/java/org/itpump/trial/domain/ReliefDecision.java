package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The trial's relief decision. Relief % = (baseline - mean of the post-dose NRS scores) / baseline x 100.
 * The comparison with the threshold is exact (integer cross-multiplication, no rounding), so exactly 50 %
 * passes and anything below fails. Reported relief is rounded down to 2 decimals, so a figure never reads
 * as a pass the trial did not reach (49.995 % reports 49.99); the mean NRS is rounded half-up.
 */
public record ReliefDecision(int baselineNrs, int assessmentCount, BigDecimal meanAssessedNrs,
                             BigDecimal reliefPercent, BigDecimal thresholdPercent, boolean passed) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Relief is a fraction of the baseline: a trial cannot start from a baseline of 0. */
    public static void requireMeasurableBaseline(int baselineNrs) {
        if (baselineNrs < 1 || baselineNrs > 10) {
            throw new RuleViolationException("Baseline NRS must be 1 to 10 to measure relief, was " + baselineNrs);
        }
    }

    public static ReliefDecision decide(int baselineNrs, List<Integer> assessedNrs, BigDecimal thresholdPercent) {
        requireMeasurableBaseline(baselineNrs);
        if (assessedNrs.isEmpty()) {
            throw new RuleViolationException("At least one post-dose pain assessment is needed to decide the trial");
        }
        if (thresholdPercent.signum() <= 0 || thresholdPercent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("Relief threshold must be in (0, 100], was " + thresholdPercent);
        }
        int count = assessedNrs.size();
        int sum = assessedNrs.stream().mapToInt(Integer::intValue).sum();
        BigDecimal scaledBaseline = BigDecimal.valueOf((long) baselineNrs * count);      // baseline x n
        BigDecimal scaledRelief = scaledBaseline.subtract(BigDecimal.valueOf(sum)).multiply(HUNDRED); // (baseline x n - sum) x 100
        // relief% >= threshold  <=>  (baseline x n - sum) x 100 >= threshold x baseline x n   (n, baseline > 0)
        boolean passed = scaledRelief.compareTo(thresholdPercent.multiply(scaledBaseline)) >= 0;
        return new ReliefDecision(baselineNrs, count,
                BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP),
                scaledRelief.divide(scaledBaseline, 2, RoundingMode.FLOOR),
                thresholdPercent, passed);
    }

    public TrialStatus outcome() {
        return passed ? TrialStatus.PASSED : TrialStatus.FAILED;
    }
}
