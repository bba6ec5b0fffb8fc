package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12 section 6: a HARD dose finding holds an undecided trial until a clinician's override; SOFT only informs. */
class DoseHoldTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 30, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final DoseCheck.Finding BOLUS = new DoseCheck.Finding("HARD", "max-bolus-dose",
            "The morphine bolus dose 10 mg exceeds the hard limit of 1 mg (drug library v1)");
    private static final DoseCheck.Finding STARTING = new DoseCheck.Finding("SOFT", "starting-daily-dose",
            "The trial dose 10 mg is above the usual starting maximum of 0.5 mg");

    @Test
    void aHardFindingHoldsOnlyAnUndecidedTrialAndTheRefusalNamesTheHold() {
        DoseHold hold = new DoseHold(new DoseCheck(1, false, List.of(BOLUS, STARTING)), null);
        assertTrue(hold.holds(TrialStatus.IN_PROGRESS));
        assertFalse(hold.holds(TrialStatus.PASSED), "a check after the decision is shown, it holds nothing");
        StateConflictException refused = assertThrows(StateConflictException.class,
                () -> hold.requireNotHeld(TrialStatus.IN_PROGRESS, "decide the trial"));
        assertTrue(refused.getMessage().startsWith("Cannot decide the trial: the trial is on hold (trial-dose-hard-limit)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("max-bolus-dose: " + BOLUS.text()), refused.getMessage());
        assertFalse(refused.getMessage().contains(STARTING.text()), "the SOFT finding does not hold");
    }

    @Test
    void softFindingsAndNoCheckHoldNothing() {
        new DoseHold(new DoseCheck(1, false, List.of(STARTING)), null).requireNotHeld(TrialStatus.IN_PROGRESS, "decide");
        new DoseHold(null, null).requireNotHeld(TrialStatus.IN_PROGRESS, "decide");
        new DoseHold(new DoseCheck(1, true, List.of()), null).requireNotHeld(TrialStatus.IN_PROGRESS, "decide");
    }

    @Test
    void anOverrideReleasesTheHoldOnceWithAReason() {
        DoseHold held = new DoseHold(new DoseCheck(1, false, List.of(BOLUS)), null);
        assertThrows(RuleViolationException.class, () -> held.overrideWith(TrialStatus.IN_PROGRESS, "  ", "dr-a", AT));
        DoseHold.DoseOverride override = held.overrideWith(TrialStatus.IN_PROGRESS, " slip of the pen ", "dr-a", AT);
        assertEquals(new DoseHold.DoseOverride("slip of the pen", "dr-a", AT), override);
        DoseHold released = new DoseHold(held.check(), override);
        assertFalse(released.holds(TrialStatus.IN_PROGRESS));
        assertThrows(StateConflictException.class, () -> released.overrideWith(TrialStatus.IN_PROGRESS, "again", "dr-b", AT));
        assertThrows(StateConflictException.class, () -> held.overrideWith(TrialStatus.CANCELLED, "late", "dr-a", AT));
        assertThrows(StateConflictException.class,
                () -> new DoseHold(null, null).overrideWith(TrialStatus.IN_PROGRESS, "early", "dr-a", AT));
    }

    @Test
    void aCheckFromAProducerWithoutFindingDetailsIsReadConservatively() {
        DoseCheck old = DoseCheck.of(1, false, List.of("some finding"), null);
        assertEquals(List.of(new DoseCheck.Finding("HARD", "unclassified", "some finding")), old.findings());
        assertTrue(DoseCheck.of(1, false, List.of(), null).hardLimitExceeded(), "out of limits with no text still holds");
        assertFalse(DoseCheck.of(1, true, List.of(), null).hardLimitExceeded());
        // a limit value a newer producer adds is taken as HARD; only SOFT merely informs
        assertTrue(new DoseCheck(1, false, List.of(new DoseCheck.Finding("CRITICAL", "x", "y"))).hardLimitExceeded());
    }
}
