package org.itpump.followup.domain.plan;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.itpump.followup.domain.plan.PlanChoices.DEFAULTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanChoicesTest {

    @Test
    void defaultsAreThePathwayStandard() {
        assertEquals(new PlanChoices(4, 8, 4, 3, 7, 14, 12), DEFAULTS);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void drivingMayBeRestrictedForTwoToFourWeeks(int weeks) {
        assertEquals(weeks, DEFAULTS.withDrivingRestrictionWeeks(weeks).drivingRestrictionWeeks());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5})
    void drivingOutsideTwoToFourWeeksIsRefusedNamingTheRange(int weeks) {
        var refused = assertThrows(RuleViolationException.class, () -> DEFAULTS.withDrivingRestrictionWeeks(weeks));
        assertEquals("driving restriction must be 2 to 4 weeks, was " + weeks, refused.getMessage());
        assertEquals(List.of(refused.getMessage()), refused.details());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void activityMayBeRestrictedUpToEightWeeks(int weeks) {
        assertEquals(weeks, DEFAULTS.withActivityRestrictionWeeks(weeks).activityRestrictionWeeks());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9})
    void activityRestrictionBeyondEightWeeksIsRefused(int weeks) {
        var refused = assertThrows(RuleViolationException.class, () -> DEFAULTS.withActivityRestrictionWeeks(weeks));
        assertTrue(refused.getMessage().contains("activity restriction must be 1 to 8 weeks, was " + weeks), refused.getMessage());
    }

    @Test
    void oralMedicationObservationAndVisitsStayInTheirRanges() {
        assertEquals(1, DEFAULTS.withOralMedicationWeeks(1).oralMedicationWeeks());
        assertEquals(6, DEFAULTS.withOralMedicationWeeks(6).oralMedicationWeeks());
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withOralMedicationWeeks(0));
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withOralMedicationWeeks(7));
        assertEquals(1, DEFAULTS.withObservationHours(1).observationHours());
        assertEquals(8, DEFAULTS.withObservationHours(8).observationHours());
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withObservationHours(0));
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withObservationHours(9));
        assertEquals(10, DEFAULTS.withSutureRemovalDay(10).sutureRemovalDay());
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withSutureRemovalDay(9));
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withSutureRemovalDay(15));
        assertEquals(5, DEFAULTS.withWoundCheckDay(5).woundCheckDay());
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withWoundCheckDay(4));
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withWoundCheckDay(10));
    }

    @Test
    void theMonitoringWindowOutlastsEveryRestriction() {
        assertEquals(8, DEFAULTS.withMonitoringWindowWeeks(8).monitoringWindowWeeks(), "ends with the 8-week restriction");
        var refused = assertThrows(RuleViolationException.class, () -> DEFAULTS.withMonitoringWindowWeeks(7));
        assertTrue(refused.getMessage().contains("ends before the last restriction"), refused.getMessage());
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withMonitoringWindowWeeks(53));
        // a short activity restriction still leaves driving (4 weeks) as the last one
        assertThrows(RuleViolationException.class, () -> new PlanChoices(4, 1, 4, 1, 7, 14, 3));
        assertEquals(4, new PlanChoices(4, 1, 4, 1, 7, 14, 4).monitoringWindowWeeks());
    }

    @Test
    void everyFaultIsListed() {
        var refused = assertThrows(RuleViolationException.class, () -> new PlanChoices(0, 9, 5, 3, 7, 14, 8));
        assertEquals(List.of("observation must be 1 to 72 hours, was 0",
                "activity restriction must be 1 to 8 weeks, was 9",
                "driving restriction must be 2 to 4 weeks, was 5",
                "monitoring window of 8 weeks ends before the last restriction, medication course or visit (day 63)"),
                refused.details());
    }
}
