package org.itpump.trial.messaging;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.trial.domain.CancellationReason;
import org.itpump.trial.domain.DoseHold;
import org.itpump.trial.domain.DoseUnit;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.domain.ReliefDecision;
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.domain.TrialType;
import org.itpump.trial.store.PainAssessmentEntity;
import org.itpump.trial.store.TrialEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The facts trial-service publishes (contracts/schemas/trial.*.json), each carrying what a consumer needs
 * (baseline, drug, relief) so that no consumer has to call back.
 */
public final class TrialEvents {

    public record TrialStarted(UUID pathwayId, String patientRef, UUID trialId, UUID candidateId,
                               Indication indication, TrialType trialType, String drug, BigDecimal dose,
                               DoseUnit doseUnit, int baselineNrs, OffsetDateTime startedAt,
                               OffsetDateTime windowEndsAt) {
    }

    public record AssessmentRecorded(UUID pathwayId, String patientRef, UUID trialId, UUID assessmentId, int nrs,
                                     int minutesSinceDose, BigDecimal oralMmePerDay, Integer functionScore,
                                     OffsetDateTime assessedAt) {
    }

    public record TrialDecided(UUID pathwayId, String patientRef, UUID trialId, Indication indication,
                               TrialType trialType, String drug, BigDecimal dose, DoseUnit doseUnit, int baselineNrs,
                               BigDecimal meanAssessedNrs, BigDecimal reliefPercent, BigDecimal thresholdPercent,
                               int assessmentCount, OffsetDateTime decidedAt) {
    }

    public record TrialCancelled(UUID pathwayId, String patientRef, UUID trialId, TrialStatus previousStatus,
                                 CancellationReason reason, OffsetDateTime cancelledAt) {
    }

    /** One overridden HARD finding of the dose check. */
    public record OverriddenFinding(String rule, String text) {
    }

    public record DoseOverrideRecorded(UUID pathwayId, String patientRef, UUID trialId, String drug, BigDecimal dose,
                                       DoseUnit doseUnit, int libraryVersion, List<OverriddenFinding> overriddenFindings,
                                       String reason, String overriddenBy, OffsetDateTime recordedAt) {
    }

    private TrialEvents() {
    }

    public static OutgoingEvent started(TrialEntity t) {
        return new OutgoingEvent("trial.started", t.pathwayId, new TrialStarted(t.pathwayId, t.patientRef, t.id,
                t.candidateId, t.indication, t.trialType, t.drug, t.dose, t.doseUnit, t.baselineNrs, t.startedAt,
                t.windowEndsAt));
    }

    public static OutgoingEvent assessmentRecorded(TrialEntity t, PainAssessmentEntity a) {
        return new OutgoingEvent("trial.assessment-recorded", t.pathwayId, new AssessmentRecorded(t.pathwayId,
                t.patientRef, t.id, a.id, a.nrs, a.minutesSinceDose, a.oralMmePerDay, a.functionScore, a.assessedAt));
    }

    public static OutgoingEvent decided(TrialEntity t, ReliefDecision decision) {
        return new OutgoingEvent(decision.passed() ? "trial.passed" : "trial.failed", t.pathwayId,
                new TrialDecided(t.pathwayId, t.patientRef, t.id, t.indication, t.trialType, t.drug, t.dose,
                        t.doseUnit, t.baselineNrs, decision.meanAssessedNrs(), decision.reliefPercent(),
                        decision.thresholdPercent(), decision.assessmentCount(), t.decidedAt));
    }

    /** trial.dose-override-recorded: the trial's hold on a HARD dose finding is released by a clinician. */
    public static OutgoingEvent doseOverrideRecorded(TrialEntity t) {
        DoseHold hold = t.doseHold();
        return new OutgoingEvent("trial.dose-override-recorded", t.pathwayId, new DoseOverrideRecorded(t.pathwayId,
                t.patientRef, t.id, t.drug, t.dose, t.doseUnit, hold.check().libraryVersion(),
                hold.check().hardFindings().stream().map(f -> new OverriddenFinding(f.rule(), f.text())).toList(),
                hold.override().reason(), hold.override().by(), hold.override().recordedAt()));
    }

    public static OutgoingEvent cancelled(TrialEntity t, TrialStatus previousStatus) {
        return new OutgoingEvent("trial.cancelled", t.pathwayId, new TrialCancelled(t.pathwayId, t.patientRef, t.id,
                previousStatus, t.cancellationReason, t.cancelledAt));
    }
}
