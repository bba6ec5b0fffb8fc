package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PumpProgramTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final Drug MORPHINE = LIBRARY.drug("morphine");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aSimpleContinuousProgramRecordsItsLibraryVersion() {
        PumpProgram program = PumpProgram.simpleContinuous(MORPHINE, d("10"), d("2"));
        assertEquals(1, program.libraryVersion());
        assertEquals(d("2"), program.totalPossibleDailyDose());
        assertEquals(0, d("0.2").compareTo(program.dailyVolumeMl()));
    }

    @Test
    void aBolusProgramAddsEveryAllowedBolusToTheTotal() {
        PumpProgram program = PumpProgram.patientActivatedBolus(MORPHINE, d("10"), d("2"), d("0.1"), 60, 4);
        assertEquals(0, d("2.4").compareTo(program.totalPossibleDailyDose()));
        assertEquals(0, d("0.24").compareTo(program.dailyVolumeMl()));
    }

    @Test
    void bolusFieldsAreRequiredInBolusMode() {
        RuleViolationException e = assertThrows(RuleViolationException.class, () -> new PumpProgram(MORPHINE, d("10"), d("2"),
                DeliveryMode.PATIENT_ACTIVATED_BOLUS, null, null, null));
        assertEquals(List.of("bolusDose must be above 0, was missing", "bolusLockoutMinutes must be above 0, was missing",
                "maxBolusesPerDay must be at least 1, was missing"), e.details());
    }

    @Test
    void lockoutMustBePositiveAndAtLeastOneBolusAllowed() {
        RuleViolationException e = assertThrows(RuleViolationException.class,
                () -> PumpProgram.patientActivatedBolus(MORPHINE, d("10"), d("2"), d("0"), 0, 0));
        assertEquals(List.of("bolusDose must be above 0, was 0", "bolusLockoutMinutes must be above 0, was 0",
                "maxBolusesPerDay must be at least 1, was 0"), e.details());
        PumpProgram minimal = PumpProgram.patientActivatedBolus(MORPHINE, d("10"), d("2"), d("0.01"), 1, 1);
        assertEquals(0, d("2.01").compareTo(minimal.totalPossibleDailyDose()));
    }

    @Test
    void bolusFieldsAreRefusedInSimpleMode() {
        RuleViolationException e = assertThrows(RuleViolationException.class, () -> new PumpProgram(MORPHINE, d("10"), d("2"),
                DeliveryMode.SIMPLE_CONTINUOUS, d("0.1"), 60, null));
        assertEquals(List.of("bolusDose is only for PATIENT_ACTIVATED_BOLUS mode",
                "bolusLockoutMinutes is only for PATIENT_ACTIVATED_BOLUS mode"), e.details());
    }

    @Test
    void theTotalPossibleDailyDoseRespectsTheHardMaximum() {
        // 14 + 2 x 0.5 = 15 mg/day: exactly at morphine's hard maximum
        PumpProgram atMax = PumpProgram.patientActivatedBolus(MORPHINE, d("20"), d("14"), d("0.5"), 120, 2);
        assertEquals(0, d("15").compareTo(atMax.totalPossibleDailyDose()));
        // 14 + 3 x 0.5 = 15.5 mg/day, though the daily dose alone is within it
        RuleViolationException e = assertThrows(RuleViolationException.class,
                () -> PumpProgram.patientActivatedBolus(MORPHINE, d("20"), d("14"), d("0.5"), 120, 3));
        assertTrue(e.getMessage().contains("total possible daily dose") && e.getMessage().contains("15.5 mg/day")
                && e.getMessage().contains("hard limit of 15 mg/day"), e.getMessage());
    }

    @Test
    void concentrationAndDailyDoseHardLimitsApply() {
        assertThrows(RuleViolationException.class, () -> PumpProgram.simpleContinuous(MORPHINE, d("20.01"), d("2")));
        assertThrows(RuleViolationException.class, () -> PumpProgram.simpleContinuous(MORPHINE, d("10"), d("15.01")));
        assertThrows(RuleViolationException.class, () -> PumpProgram.simpleContinuous(MORPHINE, d("10"), d("0")));
        Drug fentanyl = LIBRARY.drug("fentanyl");
        assertEquals(0, d("5000").compareTo(PumpProgram.patientActivatedBolus(fentanyl, d("10000"), d("4000"), d("100"), 30, 10)
                .totalPossibleDailyDose()), "no upper limit for fentanyl: only the soft limit applies");
    }

    @Test
    void theSoftLimitIsCheckedOnTheTotalPossibleDailyDose() {
        assertFalse(PumpProgram.simpleContinuous(MORPHINE, d("10"), d("0.5")).softLimitCheck().softLimitExceeded());
        LimitCheck withBoluses = PumpProgram.patientActivatedBolus(MORPHINE, d("10"), d("0.5"), d("0.05"), 60, 1).softLimitCheck();
        assertTrue(withBoluses.softLimitExceeded());
        assertEquals(0, d("0.55").compareTo(withBoluses.dailyDose()));
        assertThrows(RuleViolationException.class, () -> withBoluses.acceptWith(""));
        assertEquals("breakthrough pain", withBoluses.acceptWith("breakthrough pain").orElseThrow().reason());
    }

    @Test
    void dailyVolumeRoundsUp() {
        // 1 mg/day at 3 mg/mL = 0.33333.. mL/day, reported 0.3334
        assertEquals(d("0.3334"), PumpProgram.simpleContinuous(MORPHINE, d("3"), d("1")).dailyVolumeMl());
    }

    @Test
    void aSingleBolusHasItsOwnLimitSoA14point9MgMorphineBolusDoesNotPass() {
        // 0.1 mg/day + 1 x 14.9 mg = 15 mg/day: exactly at the daily hard limit, but the bolus is above morphine's
        // 1 mg single-bolus limit (drug library v1, hospital policy to be confirmed)
        RuleViolationException e = assertThrows(RuleViolationException.class,
                () -> PumpProgram.patientActivatedBolus(MORPHINE, d("20"), d("0.1"), d("14.9"), 60, 1));
        assertTrue(e.getMessage().contains("morphine bolus dose 14.9 mg exceeds the hard limit of 1 mg"), e.getMessage());
        assertThrows(RuleViolationException.class, () -> PumpProgram.patientActivatedBolus(MORPHINE, d("20"), d("0.1"), d("1.01"), 60, 1));
        assertEquals(0, d("1.1").compareTo(PumpProgram.patientActivatedBolus(MORPHINE, d("20"), d("0.1"), d("1"), 60, 1)
                .totalPossibleDailyDose()), "exactly 1 mg passes");
    }
}
