package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidualVolumeCheckTest {

    private static final LocalDate FILLED = LocalDate.of(2030, 1, 10);
    private static final LocalDate REFILL = FILLED.plusDays(50);
    // morphine 2 mg/day at 10 mg/mL: 0.2 mL/day; 20 mL filled, after 50 days 10 mL expected
    private static final PumpProgram PROGRAM =
            PumpProgram.simpleContinuous(DrugLibrary.load().drug("morphine"), new BigDecimal("10"), new BigDecimal("2"));
    private static final ReservoirFill FILL = ReservoirFill.refill(FILLED, new BigDecimal("20"));

    private static ResidualVolumeCheck measured(String ml) {
        return ResidualVolumeCheck.of(PROGRAM, FILL, REFILL, new BigDecimal(ml));
    }

    @Test
    void aShortfallOfExactly2MlIsNotFlagged() {
        ResidualVolumeCheck check = measured("8");
        assertEquals(50, check.daysElapsed());
        assertEquals(new BigDecimal("10.00"), check.expectedResidualMl());
        assertFalse(check.possiblePocketFill());
    }

    @Test
    void aShortfallOf2point01MlIsAPossiblePocketFill() {
        assertTrue(measured("7.99").possiblePocketFill());
    }

    @Test
    void anExcessOrASmallGapIsNoPocketFill() {
        assertFalse(measured("10").possiblePocketFill());
        assertFalse(measured("9.5").possiblePocketFill());
        assertFalse(measured("14").possiblePocketFill(), "more than expected is not a pocket fill");
    }

    @Test
    void theExpectedResidualIsNeverBelowEmpty() {
        ResidualVolumeCheck check = ResidualVolumeCheck.of(PROGRAM, FILL, FILLED.plusDays(120), BigDecimal.ZERO);
        assertEquals(new BigDecimal("0.00"), check.expectedResidualMl());
        assertFalse(check.possiblePocketFill());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(RuleViolationException.class, () -> ResidualVolumeCheck.of(PROGRAM, FILL, FILLED.minusDays(1), BigDecimal.ONE));
        assertThrows(RuleViolationException.class, () -> measured("-0.1"));
    }
}
