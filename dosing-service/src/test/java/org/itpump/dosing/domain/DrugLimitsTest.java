package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At, just over and just under (by 0.01 of the drug's unit) every limit of every drug. */
class DrugLimitsTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final BigDecimal STEP = new BigDecimal("0.01");

    private static void assertRefused(Runnable check, String... mustName) {
        RuleViolationException e = assertThrows(RuleViolationException.class, check::run);
        for (String part : mustName) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' names " + part);
        }
    }

    @ParameterizedTest
    @CsvSource({"morphine, 20, mg/mL", "hydromorphone, 15, mg/mL", "fentanyl, 10000, mcg/mL", "sufentanil, 5000, mcg/mL",
            "ziconotide, 100, mcg/mL", "bupivacaine, 30, mg/mL", "clonidine, 1000, mcg/mL", "baclofen, 2000, mcg/mL"})
    void hardMaximumConcentration(String code, BigDecimal max, String unit) {
        Drug drug = LIBRARY.drug(code);
        drug.requireConcentrationWithinHardLimit(max);
        drug.requireConcentrationWithinHardLimit(max.subtract(STEP));
        BigDecimal over = max.add(STEP);
        assertRefused(() -> drug.requireConcentrationWithinHardLimit(over),
                code, over.toPlainString() + " " + unit, "hard limit of " + max.toPlainString() + " " + unit);
        assertRefused(() -> drug.requireConcentrationWithinHardLimit(BigDecimal.ZERO), code, "above 0");
    }

    @ParameterizedTest
    @CsvSource({"morphine, 15, mg/day", "hydromorphone, 4, mg/day", "ziconotide, 19.2, mcg/day", "bupivacaine, 15, mg/day",
            "clonidine, 600, mcg/day"})
    void hardMaximumDailyDose(String code, BigDecimal max, String unit) {
        Drug drug = LIBRARY.drug(code);
        LimitCheck atMax = drug.checkDailyDose(max);
        assertTrue(atMax.softLimitExceeded(), "at the hard maximum, still over the usual starting range");
        drug.checkDailyDose(max.subtract(STEP));
        BigDecimal over = max.add(STEP);
        RuleViolationException e = assertThrows(RuleViolationException.class, () -> drug.checkDailyDose(over));
        assertTrue(e.getMessage().contains(code + " daily dose " + over.toPlainString() + " " + unit
                + " exceeds the hard limit of " + max.toPlainString() + " " + unit), e.getMessage());
        assertTrue(e.details().contains("hardLimit: " + max.toPlainString() + " " + unit), e.details().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fentanyl", "sufentanil", "baclofen"})
    void noHardMaximumDailyDoseWhereTheSourceGivesNone(String code) {
        Drug drug = LIBRARY.drug(code);
        assertTrue(drug.maxDailyDose().isEmpty());
        assertTrue(drug.checkDailyDose(new BigDecimal("1000000")).softLimitExceeded(), "still needs an override reason");
        assertRefused(() -> drug.checkDailyDose(BigDecimal.ZERO), code, "above 0");
    }

    @ParameterizedTest
    @CsvSource({"morphine, 0.5", "hydromorphone, 0.15", "fentanyl, 75", "sufentanil, 20", "ziconotide, 1.2",
            "bupivacaine, 4", "clonidine, 100", "baclofen, 200"})
    void softLimitIsTheUsualStartingMaximum(String code, BigDecimal softMax) {
        Drug drug = LIBRARY.drug(code);
        LimitCheck at = drug.checkDailyDose(softMax);
        assertFalse(at.softLimitExceeded());
        assertEquals(Optional.empty(), at.acceptWith(null), "nothing to override");
        assertFalse(drug.checkDailyDose(softMax.subtract(STEP)).softLimitExceeded());

        LimitCheck over = drug.checkDailyDose(softMax.add(STEP));
        assertTrue(over.softLimitExceeded());
        assertEquals(0, softMax.compareTo(over.softLimit()));
        assertEquals(drug.unit(), over.unit());
    }

    @ParameterizedTest
    @CsvSource({"morphine, 0.1", "hydromorphone, 0.01", "fentanyl, 25", "sufentanil, 10", "ziconotide, 0.5",
            "bupivacaine, 0.01", "clonidine, 20", "baclofen, 50"})
    void belowTheUsualStartingMinimumNeedsAReason(String code, BigDecimal softMin) {
        Drug drug = LIBRARY.drug(code);
        LimitCheck at = drug.checkDailyDose(softMin);
        assertFalse(at.belowSoftMinimum(), "exactly at the minimum is within the range");
        assertEquals(Optional.empty(), at.acceptWith(null));
        BigDecimal under = softMin.subtract(softMin.compareTo(STEP) > 0 ? STEP : new BigDecimal("0.001"));
        LimitCheck below = drug.checkDailyDose(under);
        assertTrue(below.belowSoftMinimum());
        assertRefused(() -> below.acceptWith(" "), code, "below the usual starting minimum of " + softMin.toPlainString());
        LimitOverride override = below.acceptWith("tapering").orElseThrow();
        assertEquals(LimitOverride.Rule.STARTING_MINIMUM, override.rule());
        assertEquals(0, softMin.compareTo(override.softLimit()));
    }

    @Test
    void aBaclofenCutOfMoreThan20PercentNeedsAReasonOtherDrugsDoNot() {
        Drug baclofen = LIBRARY.drug("baclofen");
        // 400 -> 320 is exactly 20 % less: allowed without a reason; 319.99 is more than 20 % less
        assertEquals(Optional.empty(), baclofen.checkDecrease(new BigDecimal("400"), new BigDecimal("320"), null));
        assertRefused(() -> baclofen.checkDecrease(new BigDecimal("400"), new BigDecimal("319.99"), ""),
                "baclofen daily dose 319.99 mcg/day is more than 20 % below 400 mcg/day", "withdrawal-critical");
        LimitOverride override = baclofen.checkDecrease(new BigDecimal("800"), new BigDecimal("400"), "sedation").orElseThrow();
        assertEquals(LimitOverride.Rule.WITHDRAWAL_DECREASE, override.rule());
        assertEquals(0, new BigDecimal("640").compareTo(override.softLimit()), "800 x 0.8");
        assertEquals(Optional.empty(), baclofen.checkDecrease(new BigDecimal("400"), new BigDecimal("500"), null), "an increase");
        assertEquals(Optional.empty(), LIBRARY.drug("morphine").checkDecrease(new BigDecimal("8"), new BigDecimal("1"), null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void overTheSoftLimitABlankReasonIsRefused(String reason) {
        LimitCheck over = LIBRARY.drug("morphine").checkDailyDose(new BigDecimal("0.6"));
        assertRefused(() -> over.acceptWith(reason), "morphine", "0.6 mg/day", "soft limit of 0.5 mg/day", "override reason");
    }

    @Test
    void overTheSoftLimitAReasonIsAcceptedAsAnOverrideToRecord() {
        LimitCheck over = LIBRARY.drug("ziconotide").checkDailyDose(new BigDecimal("2.4"));
        assertEquals(Optional.of(new LimitOverride("ziconotide", new BigDecimal("2.4"), new BigDecimal("1.2"), DoseUnit.MCG,
                "Label start dose, tolerated trial", LimitOverride.Rule.STARTING_MAXIMUM)), over.acceptWith("  Label start dose, tolerated trial "));
    }
}
