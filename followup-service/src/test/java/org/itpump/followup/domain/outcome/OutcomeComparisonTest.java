package org.itpump.followup.domain.outcome;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutcomeComparisonTest {

    private static final Instant IMPLANT = Instant.parse("2026-03-20T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private static OutcomeAssessment assessment(int painNrs, String mme) {
        return new OutcomeAssessment(NOW, painNrs, 3, 2, new BigDecimal(mme));
    }

    @ParameterizedTest(name = "baseline {0}, now {1}: {2} %")
    @CsvSource({
            "8, 4, 50.00",    // the trial's pass mark, exactly
            "10, 0, 100.00",
            "5, 5, 0.00",
            "6, 5, 16.66",    // 16.666..: half-up would overstate it as 16.67
            "3, 1, 66.66",    // 66.666..
            "3, 2, 33.33",    // 33.333..
            "3, 4, -33.34",   // worse: rounding down never makes it look milder
            "4, 10, -150.00"})
    void painReductionIsExactAndRoundedDown(int baseline, int current, String percent) {
        OutcomeComparison comparison = OutcomeComparison.compare(PreTrialBaseline.withoutOralMme(baseline), assessment(current, "0"));
        assertEquals(Optional.of(new BigDecimal(percent)), comparison.painReductionPercent());
        assertEquals(baseline - current, comparison.painReductionNrs());
    }

    @Test
    void aZeroBaselineHasNoPercentage() {
        OutcomeComparison comparison = OutcomeComparison.compare(PreTrialBaseline.withoutOralMme(0), assessment(2, "0"));
        assertEquals(Optional.empty(), comparison.painReductionPercent());
        assertEquals(-2, comparison.painReductionNrs());
    }

    @Test
    void oralMedicationReductionInMgPerDayAndPercent() {
        OutcomeComparison comparison = OutcomeComparison.compare(new PreTrialBaseline(8, new BigDecimal("90")), assessment(4, "30"));
        assertEquals(Optional.of(new BigDecimal("60")), comparison.mmeReductionMgPerDay());
        assertEquals(Optional.of(new BigDecimal("66.66")), comparison.mmeReductionPercent(), "66.666.. rounded down");
    }

    @Test
    void oralMedicationArithmeticIsExactDecimal() {
        OutcomeComparison comparison = OutcomeComparison.compare(new PreTrialBaseline(8, new BigDecimal("22.5")), assessment(4, "15"));
        assertEquals(0, new BigDecimal("7.5").compareTo(comparison.mmeReductionMgPerDay().orElseThrow()));
        assertEquals(Optional.of(new BigDecimal("33.33")), comparison.mmeReductionPercent());
        OutcomeComparison stopped = OutcomeComparison.compare(new PreTrialBaseline(8, new BigDecimal("40")), assessment(4, "0"));
        assertEquals(Optional.of(new BigDecimal("100.00")), stopped.mmeReductionPercent());
        OutcomeComparison more = OutcomeComparison.compare(new PreTrialBaseline(8, new BigDecimal("30")), assessment(4, "40"));
        assertEquals(Optional.of(new BigDecimal("-10")), more.mmeReductionMgPerDay());
        assertEquals(Optional.of(new BigDecimal("-33.34")), more.mmeReductionPercent());
    }

    @Test
    void withoutABaselineMmeThereIsNoMedicationComparison() {
        OutcomeComparison comparison = OutcomeComparison.compare(PreTrialBaseline.withoutOralMme(8), assessment(4, "30"));
        assertEquals(Optional.empty(), comparison.mmeReductionMgPerDay());
        assertEquals(Optional.empty(), comparison.mmeReductionPercent());
        assertEquals(Optional.of(new BigDecimal("50.00")), comparison.painReductionPercent());
    }

    @Test
    void aZeroBaselineMmeHasAChangeButNoPercentage() {
        OutcomeComparison comparison = OutcomeComparison.compare(new PreTrialBaseline(8, BigDecimal.ZERO), assessment(4, "10"));
        assertEquals(Optional.of(new BigDecimal("-10")), comparison.mmeReductionMgPerDay());
        assertEquals(Optional.empty(), comparison.mmeReductionPercent());
    }

    @Test
    void scoresAreZeroToTen() {
        assertEquals(0, new OutcomeAssessment(NOW, 0, 0, 0, BigDecimal.ZERO).painNrs());
        assertEquals(10, new OutcomeAssessment(NOW, 10, 10, 10, BigDecimal.ZERO).spasmScore());
        var refused = assertThrows(RuleViolationException.class, () -> new OutcomeAssessment(NOW, 11, -1, 11, new BigDecimal("-0.1")));
        assertEquals(List.of("pain NRS must be 0 to 10, was 11", "rigidity score must be 0 to 10, was -1",
                "spasm score must be 0 to 10, was 11", "oral MME per day cannot be negative, was -0.1"), refused.details());
        assertThrows(RuleViolationException.class, () -> new OutcomeAssessment(NOW, -1, 0, 0, BigDecimal.ZERO));
        assertThrows(RuleViolationException.class, () -> new OutcomeAssessment(NOW, 0, 11, 0, BigDecimal.ZERO));
        assertThrows(RuleViolationException.class, () -> new OutcomeAssessment(NOW, 0, 0, -1, BigDecimal.ZERO));
    }

    @Test
    void theBaselineIsChecked() {
        assertThrows(RuleViolationException.class, () -> PreTrialBaseline.withoutOralMme(11));
        assertThrows(RuleViolationException.class, () -> PreTrialBaseline.withoutOralMme(-1));
        assertThrows(RuleViolationException.class, () -> new PreTrialBaseline(8, new BigDecimal("-1")));
        assertEquals(Optional.empty(), PreTrialBaseline.withoutOralMme(8).oralMme());
    }

    @Test
    void anAssessmentIsAfterTheImplantAndNotAhead() {
        assertEquals(IMPLANT, OutcomeAssessment.recorded(IMPLANT, 4, 3, 2, BigDecimal.TEN, IMPLANT, NOW).assessedAt());
        assertEquals(NOW, OutcomeAssessment.recorded(NOW, 4, 3, 2, BigDecimal.TEN, IMPLANT, NOW).assessedAt());
        var early = assertThrows(RuleViolationException.class,
                () -> OutcomeAssessment.recorded(IMPLANT.minusSeconds(1), 4, 3, 2, BigDecimal.TEN, IMPLANT, NOW));
        assertTrue(early.getMessage().contains("before the implant"), early.getMessage());
        assertThrows(RuleViolationException.class,
                () -> OutcomeAssessment.recorded(NOW.plusSeconds(1), 4, 3, 2, BigDecimal.TEN, IMPLANT, NOW));
    }
}
