package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReliefDecisionTest {

    private static final BigDecimal FIFTY = new BigDecimal("50");

    @Test
    void exactlyFiftyPercentPasses() {
        ReliefDecision decision = ReliefDecision.decide(8, List.of(4), FIFTY);
        assertTrue(decision.passed());
        assertEquals(new BigDecimal("50.00"), decision.reliefPercent());
        assertEquals(TrialStatus.PASSED, decision.outcome());
    }

    @Test
    void justUnderFiftyPercentFails() {
        // baseline 10, mean (5 + 5 + 6) / 3 = 5.333..: relief 46.666.. %
        ReliefDecision decision = ReliefDecision.decide(10, List.of(5, 5, 6), FIFTY);
        assertFalse(decision.passed());
        assertEquals(new BigDecimal("46.66"), decision.reliefPercent(), "reported relief is rounded down");
        assertEquals(new BigDecimal("5.33"), decision.meanAssessedNrs());
        assertEquals(TrialStatus.FAILED, decision.outcome());
    }

    @Test
    void aHairUnderFiftyFailsAndNeverReadsAsFifty() {
        // Half-up rounding would report 49.995 % as 50.00 for a trial that failed.
        List<Integer> scores = new ArrayList<>(Collections.nCopies(1999, 5));
        scores.add(6); // 2000 scores, sum 10001, mean 5.0005, baseline 10 -> relief 49.995 %
        ReliefDecision decision = ReliefDecision.decide(10, scores, FIFTY);
        assertEquals(new BigDecimal("49.99"), decision.reliefPercent(), "the reported figure rounds down");
        assertFalse(decision.passed(), "but the decision uses the exact relief, 49.995 %");
    }

    @Test
    void oneAssessmentOverTheThresholdFromAnExactRationalPasses() {
        // baseline 3, mean (1 + 2) / 2 = 1.5: relief exactly 50 %
        assertTrue(ReliefDecision.decide(3, List.of(1, 2), FIFTY).passed());
        // baseline 3, mean (2 + 2 + 1) / 3 = 1.666..: relief 44.44 %
        assertFalse(ReliefDecision.decide(3, List.of(2, 2, 1), FIFTY).passed());
    }

    @Test
    void worsePainIsNegativeRelief() {
        ReliefDecision decision = ReliefDecision.decide(4, List.of(6), FIFTY);
        assertEquals(new BigDecimal("-50.00"), decision.reliefPercent());
        assertFalse(decision.passed());
    }

    @Test
    void theThresholdIsConfiguration() {
        assertTrue(ReliefDecision.decide(10, List.of(7), new BigDecimal("30")).passed());
        assertFalse(ReliefDecision.decide(10, List.of(7), new BigDecimal("30.01")).passed());
    }

    @Test
    void refusesADecisionWithoutAssessments() {
        var refused = assertThrows(RuleViolationException.class, () -> ReliefDecision.decide(6, List.of(), FIFTY));
        assertTrue(refused.getMessage().contains("At least one"));
    }

    @Test
    void refusesABaselineOfZeroBecauseReliefCannotBeMeasured() {
        assertThrows(RuleViolationException.class, () -> ReliefDecision.decide(0, List.of(0), FIFTY));
    }
}
