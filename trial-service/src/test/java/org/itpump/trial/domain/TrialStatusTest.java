package org.itpump.trial.domain;

import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrialStatusTest {

    @ParameterizedTest
    @EnumSource(value = TrialStatus.class, names = {"PASSED", "FAILED", "CANCELLED"})
    void anOpenTrialCanEndEveryWay(TrialStatus end) {
        assertEquals(end, TrialStatus.IN_PROGRESS.transitionTo(end));
    }

    @Test
    void everyOtherTransitionIsAConflict() {
        for (TrialStatus from : TrialStatus.values()) {
            for (TrialStatus to : TrialStatus.values()) {
                boolean allowed = from == TrialStatus.IN_PROGRESS && to != TrialStatus.IN_PROGRESS
                        || from == TrialStatus.PASSED && to == TrialStatus.CANCELLED;
                if (allowed) {
                    assertEquals(to, from.transitionTo(to));
                } else {
                    assertThrows(StateConflictException.class, () -> from.transitionTo(to), from + " -> " + to);
                }
            }
        }
    }

    @Test
    void onlyAnOpenTrialTakesAssessments() {
        assertDoesNotThrow(() -> TrialStatus.IN_PROGRESS.requireInProgress("record"));
        for (TrialStatus decided : EnumSet.complementOf(EnumSet.of(TrialStatus.IN_PROGRESS))) {
            assertThrows(StateConflictException.class, () -> decided.requireInProgress("record"));
        }
    }
}
