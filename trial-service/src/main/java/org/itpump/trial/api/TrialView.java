package org.itpump.trial.api;

import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.store.PainAssessmentEntity;
import org.itpump.trial.store.TrialEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A trial as ops and clinicians see it: its assessments and, once decided, the decision's figures. */
public record TrialView(UUID trialId, UUID pathwayId, String patientRef, int baselineNrs, TrialStatus status,
                        OffsetDateTime startedAt, List<Assessment> assessments, Decision decision) {

    public record Assessment(UUID assessmentId, int nrs, OffsetDateTime assessedAt) {
        static Assessment of(PainAssessmentEntity entity) {
            return new Assessment(entity.id, entity.nrs, entity.assessedAt);
        }
    }

    public record Decision(boolean passed, BigDecimal reliefPercent, BigDecimal meanAssessedNrs,
                           BigDecimal thresholdPercent, OffsetDateTime decidedAt) {
    }

    static TrialView of(TrialEntity trial, List<PainAssessmentEntity> assessments) {
        Decision decision = trial.decidedAt == null || trial.reliefPercent == null ? null
                : new Decision(trial.status == TrialStatus.PASSED, trial.reliefPercent, trial.meanAssessedNrs,
                trial.thresholdPercent, trial.decidedAt);
        return new TrialView(trial.id, trial.pathwayId, trial.patientRef, trial.baselineNrs, trial.status,
                trial.startedAt, assessments == null ? null : assessments.stream().map(Assessment::of).toList(),
                decision);
    }
}
