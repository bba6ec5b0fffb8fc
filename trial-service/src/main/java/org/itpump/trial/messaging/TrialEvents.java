package org.itpump.trial.messaging;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.trial.domain.ReliefDecision;
import org.itpump.trial.store.PainAssessmentEntity;
import org.itpump.trial.store.TrialEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The facts trial-service publishes (contracts/schemas/trial.*.json), built from its own state. */
public final class TrialEvents {

    public record TrialStarted(UUID pathwayId, String patientRef, UUID trialId, int baselineNrs,
                               OffsetDateTime startedAt) {
    }

    public record AssessmentRecorded(UUID pathwayId, String patientRef, UUID trialId, UUID assessmentId, int nrs,
                                     OffsetDateTime assessedAt) {
    }

    public record TrialDecided(UUID pathwayId, String patientRef, UUID trialId, int baselineNrs,
                               BigDecimal meanAssessedNrs, BigDecimal reliefPercent, BigDecimal thresholdPercent,
                               int assessmentCount, OffsetDateTime decidedAt) {
    }

    private TrialEvents() {
    }

    public static OutgoingEvent started(TrialEntity trial) {
        return new OutgoingEvent("trial.started", trial.pathwayId, new TrialStarted(trial.pathwayId,
                trial.patientRef, trial.id, trial.baselineNrs, trial.startedAt));
    }

    public static OutgoingEvent assessmentRecorded(TrialEntity trial, PainAssessmentEntity assessment) {
        return new OutgoingEvent("trial.assessment-recorded", trial.pathwayId, new AssessmentRecorded(trial.pathwayId,
                trial.patientRef, trial.id, assessment.id, assessment.nrs, assessment.assessedAt));
    }

    public static OutgoingEvent decided(TrialEntity trial, ReliefDecision decision) {
        return new OutgoingEvent(decision.passed() ? "trial.passed" : "trial.failed", trial.pathwayId,
                new TrialDecided(trial.pathwayId, trial.patientRef, trial.id, trial.baselineNrs,
                        decision.meanAssessedNrs(), decision.reliefPercent(), decision.thresholdPercent(),
                        decision.assessmentCount(), trial.decidedAt));
    }
}
