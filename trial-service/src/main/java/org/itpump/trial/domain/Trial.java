package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A screening trial, the aggregate that owns the trial's state machine ({@link TrialStatus}). Each clinical act
 * checks its rule and returns the trial after the act with the events it caused ({@link Changed}); the trial itself
 * is an immutable value, so an event's snapshot never changes after the act. Times are UTC.
 *
 * @param windowEndsAt   the end of the window in which assessments count (the trial type's, {@link TrialWindow})
 * @param decision       null until decided
 * @param cancellation   null unless cancelled
 * @param doseCheck      dosing-service's check of the trial dose, null until it has arrived
 * @param doseCheckedAt  when the check was recorded here, null with it
 * @param doseOverride   a clinician's override of a HARD finding's hold, null until recorded
 */
public record Trial(UUID id, UUID pathwayId, UUID candidateId, String patientRef, Indication indication,
                    TrialType trialType, String drug, BigDecimal dose, DoseUnit doseUnit, int baselineNrs,
                    TrialStatus status, OffsetDateTime startedAt, OffsetDateTime windowEndsAt, Decision decision,
                    Cancellation cancellation, DoseCheck doseCheck, OffsetDateTime doseCheckedAt,
                    DoseHold.DoseOverride doseOverride) {

    /** What the clinician orders: the trial type, the drug and dose (dose in doseUnit) and the baseline NRS (0-10). */
    public record Order(TrialType trialType, String drug, BigDecimal dose, DoseUnit doseUnit, int baselineNrs) {
    }

    /** The decision's figures (percent, NRS; see {@link ReliefDecision}). */
    public record Decision(boolean passed, BigDecimal reliefPercent, BigDecimal meanAssessedNrs,
                           BigDecimal thresholdPercent, OffsetDateTime decidedAt) {
    }

    /** note: the clinician's free text; it stays in trial-service and is never published. */
    public record Cancellation(CancellationReason reason, String note, OffsetDateTime cancelledAt) {
    }

    /** The trial after an act, and the events the act caused (in publishing order; empty when nothing happened). */
    public record Changed(Trial trial, List<TrialEvent> events) {
        public Changed {
            events = List.copyOf(events);
        }
    }

    /** A recorded assessment and its event. */
    public record Assessed(PainAssessment assessment, List<TrialEvent> events) {
        public Assessed {
            events = List.copyOf(events);
        }
    }

    public TrialWindow window() {
        return new TrialWindow(startedAt.toInstant(), windowEndsAt.toInstant());
    }

    /** The dose check and its override as one hold (no check yet: nothing holds). */
    public DoseHold doseHold() {
        return new DoseHold(doseCheck, doseOverride);
    }

    /**
     * Records a post-dose assessment: 409 unless the trial is in progress, 422 when {@code assessedAt} is outside the
     * trial window or after {@code now}. Emits {@link TrialEvent.AssessmentRecorded}.
     */
    public Assessed recordAssessment(int nrs, int minutesSinceDose, BigDecimal oralMmePerDay, Integer functionScore,
                                     OffsetDateTime assessedAt, Instant now) {
        status.requireInProgress("record an assessment");
        window().requireAssessable(assessedAt.toInstant(), now);
        PainAssessment assessment = new PainAssessment(UUID.randomUUID(), id, nrs, minutesSinceDose, oralMmePerDay,
                functionScore, assessedAt);
        return new Assessed(assessment, List.of(new TrialEvent.AssessmentRecorded(this, assessment)));
    }

    /**
     * Decides the trial from its post-dose assessments against the relief threshold (percent, {@link ReliefDecision}):
     * 409 unless in progress or while a HARD dose finding holds it, 422 without assessments. Emits
     * {@link TrialEvent.Decided} (trial.passed or trial.failed).
     */
    public Changed decide(List<PainAssessment> assessments, BigDecimal thresholdPercent, OffsetDateTime at) {
        status.requireInProgress("decide the trial");
        doseHold().requireNotHeld(status, "decide the trial");
        ReliefDecision decision = ReliefDecision.decide(baselineNrs,
                assessments.stream().map(PainAssessment::nrs).toList(), thresholdPercent);
        Trial decided = new Trial(id, pathwayId, candidateId, patientRef, indication, trialType, drug, dose, doseUnit,
                baselineNrs, status.transitionTo(decision.outcome()), startedAt, windowEndsAt,
                new Decision(decision.passed(), decision.reliefPercent(), decision.meanAssessedNrs(),
                        decision.thresholdPercent(), at),
                cancellation, doseCheck, doseCheckedAt, doseOverride);
        return new Changed(decided, List.of(new TrialEvent.Decided(decided, decision)));
    }

    /**
     * Records dosing-service's check of the trial dose. The first check is kept; a later one changes nothing (the
     * trial comes back unchanged). A check naming another pathway is refused (422). A HARD finding then holds an
     * undecided trial ({@link DoseHold}); a check of a decided or cancelled trial is kept and shown only. No event.
     */
    public Changed recordDoseCheck(UUID checkedPathwayId, DoseCheck check, OffsetDateTime at) {
        if (!pathwayId.equals(checkedPathwayId)) {
            throw new RuleViolationException("The dose check names pathway " + checkedPathwayId + " but trial " + id
                    + " belongs to pathway " + pathwayId);
        }
        if (doseCheckedAt != null) {
            return new Changed(this, List.of());
        }
        return new Changed(new Trial(id, pathwayId, candidateId, patientRef, indication, trialType, drug, dose,
                doseUnit, baselineNrs, status, startedAt, windowEndsAt, decision, cancellation, check, at,
                doseOverride), List.of());
    }

    /**
     * Releases the hold of a HARD dose finding with the clinician's reason: 409 when the trial is not held, 422
     * without a reason ({@link DoseHold#overrideWith}). Emits {@link TrialEvent.DoseOverrideRecorded}.
     */
    public Changed overrideDoseHold(String reason, String clinician, OffsetDateTime at) {
        DoseHold.DoseOverride override = doseHold().overrideWith(status, reason, clinician, at);
        Trial overridden = new Trial(id, pathwayId, candidateId, patientRef, indication, trialType, drug, dose,
                doseUnit, baselineNrs, status, startedAt, windowEndsAt, decision, cancellation, doseCheck,
                doseCheckedAt, override);
        return new Changed(overridden, List.of(new TrialEvent.DoseOverrideRecorded(overridden)));
    }

    /**
     * Cancels an open or passed trial (an open implant case then closes): 409 for a failed or cancelled trial.
     * Emits {@link TrialEvent.Cancelled}.
     */
    public Changed cancel(CancellationReason reason, String note, OffsetDateTime at) {
        Trial cancelled = new Trial(id, pathwayId, candidateId, patientRef, indication, trialType, drug, dose,
                doseUnit, baselineNrs, status.transitionTo(TrialStatus.CANCELLED), startedAt, windowEndsAt, decision,
                new Cancellation(reason, note, at), doseCheck, doseCheckedAt, doseOverride);
        return new Changed(cancelled, List.of(new TrialEvent.Cancelled(cancelled, status)));
    }
}
