package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrialWindowTest {

    private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void eachTrialTypeHasItsWindow() {
        assertEquals(START.plus(Duration.ofHours(24)), TrialWindow.of(TrialType.SINGLE_BOLUS, START).endsAt());
        assertEquals(START.plus(Duration.ofHours(72)), TrialWindow.of(TrialType.REPEATED_BOLUS, START).endsAt());
        assertEquals(START.plus(Duration.ofDays(5)), TrialWindow.of(TrialType.CONTINUOUS_INFUSION, START).endsAt());
    }

    @Test
    void assessmentsCountFromTheStartToTheEndOfTheWindowInclusive() {
        TrialWindow window = TrialWindow.of(TrialType.SINGLE_BOLUS, START);
        Instant later = START.plus(Duration.ofDays(3));
        assertDoesNotThrow(() -> window.requireAssessable(START, later));
        assertDoesNotThrow(() -> window.requireAssessable(window.endsAt(), later));
        assertThrows(RuleViolationException.class, () -> window.requireAssessable(START.minusSeconds(1), later));
        assertThrows(RuleViolationException.class, () -> window.requireAssessable(window.endsAt().plusSeconds(1), later));
    }

    @Test
    void anAssessmentCannotBeInTheFuture() {
        TrialWindow window = TrialWindow.of(TrialType.REPEATED_BOLUS, START);
        Instant now = START.plus(Duration.ofHours(1));
        assertThrows(RuleViolationException.class, () -> window.requireAssessable(now.plusSeconds(1), now));
    }
}
