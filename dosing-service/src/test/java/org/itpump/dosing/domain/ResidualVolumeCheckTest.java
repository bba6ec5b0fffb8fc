package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pocket-fill threshold scales with the reservoir: 0.05 mL per mL (1 mL for 20 mL, 2 mL for 40 mL). */
class ResidualVolumeCheckTest {

    private static final BigDecimal PER_ML = new BigDecimal("0.05");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void twentyMlPumpExpected14Measured12IsFlagged() {
        // shortfall 14.00 - 12.00 = 2.00 mL > 20 x 0.05 = 1.00 mL
        ResidualVolumeCheck check = ResidualVolumeCheck.of(d("14.00"), d("12.00"), d("20"), PER_ML);
        assertTrue(check.possiblePocketFill());
        assertEquals(d("14.00"), check.expectedResidualMl());
        assertEquals(d("1.00"), check.thresholdMl());
    }

    @ParameterizedTest
    @CsvSource({
            "20, 14, 13,    false",  // 1.00 mL short: exactly at the 1 mL threshold
            "20, 14, 12.99, true",   // 1.01 mL short
            "40, 14, 12,    false",  // 2.00 mL short: exactly at the 40 mL pump's 2 mL threshold
            "40, 14, 11.99, true",   // 2.01 mL short
            "20, 14, 16,    false",  // an excess is no pocket fill
            "20, 0,  0,     false"})
    void atAndAroundTheThreshold(BigDecimal reservoir, BigDecimal expected, BigDecimal measured, boolean flagged) {
        assertEquals(flagged, ResidualVolumeCheck.of(expected, measured, reservoir, PER_ML).possiblePocketFill());
    }

    @Test
    void theExpectedVolumeComesFromTheTimelineAcrossADoseChange() {
        // morphine 10 mg/mL, 20 mL on day 0; 2 mg/day (0.2 mL/day) to day 10, then 1 mg/day (0.1 mL/day):
        // on day 30, 20 - 10 x 0.2 - 20 x 0.1 = 16 mL expected (the old rule took the program in force for the
        // whole period: 20 - 30 x 0.1 = 17 mL). 15.5 measured is 0.5 mL short: not flagged; 14.9 is 1.1 mL
        // short, above the 1 mL threshold of a 20 mL pump: flagged.
        Drug morphine = DrugLibrary.load().drug("morphine");
        LocalDate day0 = LocalDate.of(2030, 1, 1);
        Instant start = day0.atStartOfDay(ZoneOffset.UTC).toInstant();
        ReservoirTimeline timeline = ReservoirTimeline.of(ReservoirFill.refill(day0, d("20")), ZoneOffset.UTC, List.of(
                new ReservoirTimeline.ProgramPeriod(start, PumpProgram.simpleContinuous(morphine, d("10"), d("2"))),
                new ReservoirTimeline.ProgramPeriod(start.plusSeconds(10 * 86_400), PumpProgram.simpleContinuous(morphine, d("10"), d("1")))));
        BigDecimal expected = timeline.volumeAt(start.plusSeconds(30 * 86_400));
        assertEquals(0, d("16").compareTo(expected));
        assertFalse(ResidualVolumeCheck.of(expected, d("15.5"), d("20"), PER_ML).possiblePocketFill());
        assertTrue(ResidualVolumeCheck.of(expected, d("14.9"), d("20"), PER_ML).possiblePocketFill());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(RuleViolationException.class, () -> ResidualVolumeCheck.of(d("10"), d("-0.1"), d("20"), PER_ML));
        assertThrows(IllegalArgumentException.class, () -> ResidualVolumeCheck.of(d("10"), d("1"), d("20"), BigDecimal.ZERO));
    }
}
