package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trial's acts in plain Java: each checks its rule, returns the changed trial and the events it caused. */
class TrialTest {

    private static final OffsetDateTime STARTED = OffsetDateTime.of(2026, 11, 30, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final BigDecimal FIFTY = new BigDecimal("50");
    private static final DoseCheck.Finding HARD = new DoseCheck.Finding("HARD", "max-bolus-dose",
            "The morphine bolus dose 10 mg exceeds the hard limit of 1 mg (drug library v1)");

    private static Candidate eligible() {
        return Candidate.register("MRN-REF-1", Indication.FAILED_BACK_SURGERY_SYNDROME, STARTED.minusDays(3))
                .documentEligibility(EnumSet.allOf(EligibilityItem.class));
    }

    /** A single 0.1 mg morphine bolus from baseline NRS 8, started at 08:00 UTC. */
    private static Trial started() {
        return eligible().startTrial(new Trial.Order(TrialType.SINGLE_BOLUS, "morphine", new BigDecimal("0.1"),
                DoseUnit.MG, 8), STARTED).trial();
    }

    private static PainAssessment assessed(Trial trial, int nrs) {
        return new PainAssessment(UUID.randomUUID(), trial.id(), nrs, 120, BigDecimal.ZERO, null, STARTED.plusHours(2));
    }

    @Test
    void startingMintsThePathwayOpensTheWindowOfItsTypeAndEmitsStarted() {
        Trial.Changed started = eligible().startTrial(new Trial.Order(TrialType.REPEATED_BOLUS, "morphine",
                new BigDecimal("0.1"), DoseUnit.MG, 8), STARTED);
        Trial trial = started.trial();
        assertEquals(TrialStatus.IN_PROGRESS, trial.status());
        // a repeated bolus is judged over 72 h: 08:00 on 30 Nov + 3 days = 08:00 on 3 Dec
        assertEquals(OffsetDateTime.of(2026, 12, 3, 8, 0, 0, 0, ZoneOffset.UTC), trial.windowEndsAt());
        assertEquals(List.of(new TrialEvent.Started(trial)), started.events());
    }

    @Test
    void anIncompleteChecklistStartsNoTrial() {
        Candidate missingConsent = eligible().documentEligibility(EnumSet.complementOf(EnumSet.of(EligibilityItem.INFORMED_CONSENT)));
        RuleViolationException refused = assertThrows(RuleViolationException.class, () -> missingConsent.startTrial(
                new Trial.Order(TrialType.SINGLE_BOLUS, "morphine", BigDecimal.ONE, DoseUnit.MG, 8), STARTED));
        assertEquals(List.of("missing: INFORMED_CONSENT"), refused.details());
    }

    @Test
    void reliefOfExactlyFiftyPercentPassesAndTheDecisionIsTheTrials() {
        Trial trial = started();
        OffsetDateTime decidedAt = STARTED.plusHours(6);
        // baseline 8, post-dose NRS 3 and 5: mean 4, relief (8 - 4) / 8 = 50 % exactly: the boundary passes
        Trial.Changed decided = trial.decide(List.of(assessed(trial, 3), assessed(trial, 5)), FIFTY, decidedAt);
        assertEquals(TrialStatus.PASSED, decided.trial().status());
        assertEquals(new Trial.Decision(true, new BigDecimal("50.00"), new BigDecimal("4.00"), FIFTY, decidedAt),
                decided.trial().decision());
        TrialEvent.Decided event = assertInstanceOf(TrialEvent.Decided.class, decided.events().get(0));
        assertEquals(2, event.decision().assessmentCount());
        assertSame(decided.trial(), event.trial());
        assertEquals(TrialStatus.IN_PROGRESS, trial.status(), "the trial before the act is a value: unchanged");
    }

    @Test
    void reliefJustUnderFiftyPercentFails() {
        Trial trial = started();
        // baseline 8, post-dose NRS 4 and 5: mean 4.5, relief (8 - 4.5) / 8 = 43.75 %
        Trial.Changed decided = trial.decide(List.of(assessed(trial, 4), assessed(trial, 5)), FIFTY, STARTED.plusHours(6));
        assertEquals(TrialStatus.FAILED, decided.trial().status());
        assertEquals(new BigDecimal("43.75"), decided.trial().decision().reliefPercent());
        assertEquals(1, decided.events().size());
    }

    @Test
    void aDecidedTrialIsNotDecidedAgainNorAssessed() {
        Trial passed = started().decide(List.of(assessed(started(), 2)), FIFTY, STARTED.plusHours(6)).trial();
        assertThrows(StateConflictException.class, () -> passed.decide(List.of(), FIFTY, STARTED.plusHours(7)));
        assertThrows(StateConflictException.class, () -> passed.recordAssessment(3, 60, BigDecimal.ZERO, null,
                STARTED.plusHours(1), STARTED.plusHours(8).toInstant()));
    }

    @Test
    void anAssessmentAfterTheWindowIsRefusedAndOneWithinItIsRecordedWithItsEvent() {
        Trial trial = started();
        // a single bolus is judged within 24 h: 08:00 on 1 Dec is the last instant; 08:00:01 is outside
        assertThrows(RuleViolationException.class, () -> trial.recordAssessment(3, 1440, BigDecimal.ZERO, null,
                STARTED.plusHours(24).plusSeconds(1), STARTED.plusDays(2).toInstant()));
        Trial.Assessed assessed = trial.recordAssessment(3, 1440, BigDecimal.ZERO, 40, STARTED.plusHours(24),
                STARTED.plusDays(2).toInstant());
        assertEquals(trial.id(), assessed.assessment().trialId());
        assertEquals(List.of(new TrialEvent.AssessmentRecorded(trial, assessed.assessment())), assessed.events());
    }

    @Test
    void aHardDoseFindingHoldsTheDecisionUntilAClinicianOverridesIt() {
        Trial started = started();
        Trial trial = started.recordDoseCheck(started.pathwayId(), new DoseCheck(1, false, List.of(HARD)),
                STARTED.plusMinutes(1)).trial();
        StateConflictException held = assertThrows(StateConflictException.class,
                () -> trial.decide(List.of(assessed(trial, 2)), FIFTY, STARTED.plusHours(6)));
        assertTrue(held.getMessage().contains(DoseHold.RULE), held.getMessage());

        Trial.Changed overridden = trial.overrideDoseHold("  opioid-tolerant patient  ", "dr.house", STARTED.plusHours(1));
        assertEquals(new DoseHold.DoseOverride("opioid-tolerant patient", "dr.house", STARTED.plusHours(1)),
                overridden.trial().doseOverride());
        assertEquals(List.of(new TrialEvent.DoseOverrideRecorded(overridden.trial())), overridden.events());
        assertEquals(TrialStatus.PASSED, overridden.trial().decide(List.of(assessed(trial, 2)), FIFTY,
                STARTED.plusHours(6)).trial().status(), "baseline 8, NRS 2: relief 75 % passes once released");
    }

    @Test
    void theFirstDoseCheckIsKeptAndOneNamingAnotherPathwayIsRefused() {
        Trial trial = started();
        Trial checked = trial.recordDoseCheck(trial.pathwayId(), new DoseCheck(1, true, List.of()), STARTED).trial();
        Trial.Changed again = checked.recordDoseCheck(trial.pathwayId(), new DoseCheck(2, false, List.of(HARD)),
                STARTED.plusMinutes(5));
        assertSame(checked, again.trial());
        assertTrue(again.events().isEmpty());
        assertThrows(RuleViolationException.class,
                () -> trial.recordDoseCheck(UUID.randomUUID(), new DoseCheck(1, true, List.of()), STARTED));
        assertNull(trial.doseCheck());
    }

    @Test
    void aPassedTrialCanBeCancelledAndNamesWhatItWasAFailedOneCannot() {
        Trial trial = started();
        Trial passed = trial.decide(List.of(assessed(trial, 2)), FIFTY, STARTED.plusHours(6)).trial();
        Trial.Changed cancelled = passed.cancel(CancellationReason.PATIENT_WITHDREW, "moving away", STARTED.plusDays(2));
        assertEquals(TrialStatus.CANCELLED, cancelled.trial().status());
        assertEquals(new Trial.Cancellation(CancellationReason.PATIENT_WITHDREW, "moving away", STARTED.plusDays(2)),
                cancelled.trial().cancellation());
        assertEquals(List.of(new TrialEvent.Cancelled(cancelled.trial(), TrialStatus.PASSED)), cancelled.events());

        Trial failed = trial.decide(List.of(assessed(trial, 7)), FIFTY, STARTED.plusHours(6)).trial();
        assertThrows(StateConflictException.class, () -> failed.cancel(CancellationReason.OTHER, null, STARTED.plusDays(1)));
    }

    @Test
    void theChecklistKeepsItsOrderWhateverOrderItIsDocumentedIn() {
        Candidate candidate = eligible().documentEligibility(Set.of(EligibilityItem.INFORMED_CONSENT,
                EligibilityItem.FAILED_CONSERVATIVE_THERAPY_DOCUMENTED));
        assertEquals(List.of(EligibilityItem.FAILED_CONSERVATIVE_THERAPY_DOCUMENTED, EligibilityItem.INFORMED_CONSENT),
                List.copyOf(candidate.eligibility()));
    }
}
