package org.itpump.trial.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.trial.domain.CancellationReason;
import org.itpump.trial.domain.DoseHold;
import org.itpump.trial.domain.DoseUnit;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.domain.ReliefDecision;
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.domain.TrialType;
import org.itpump.trial.domain.PainAssessment;
import org.itpump.trial.domain.Trial;
import org.itpump.trial.domain.TrialEvent;
import org.itpump.trial.service.TrialEventPayloads;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The facts trial-service publishes (contracts/schemas/trial.*.json), each carrying what a consumer needs
 * (baseline, drug, relief) so that no consumer has to call back. Built from the domain events a trial's acts return.
 */
@ApplicationScoped
public class TrialEvents implements TrialEventPayloads {

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

    /** Picks the mapping of {@code event}'s type. */
    @Override
    public OutgoingEvent outgoing(TrialEvent event) {
        if (event instanceof TrialEvent.Started started) {
            return started(started.trial());
        }
        if (event instanceof TrialEvent.AssessmentRecorded recorded) {
            return assessmentRecorded(recorded.trial(), recorded.assessment());
        }
        if (event instanceof TrialEvent.Decided decided) {
            return decided(decided.trial(), decided.decision());
        }
        if (event instanceof TrialEvent.DoseOverrideRecorded overridden) {
            return doseOverrideRecorded(overridden.trial());
        }
        if (event instanceof TrialEvent.Cancelled cancelled) {
            return cancelled(cancelled.trial(), cancelled.previousStatus());
        }
        throw new IllegalArgumentException("No contract for " + event.getClass().getName());
    }

    static OutgoingEvent started(Trial t) {
        return new OutgoingEvent("trial.started", t.pathwayId(), new TrialStarted(t.pathwayId(), t.patientRef(), t.id(),
                t.candidateId(), t.indication(), t.trialType(), t.drug(), t.dose(), t.doseUnit(), t.baselineNrs(),
                t.startedAt(), t.windowEndsAt()));
    }

    static OutgoingEvent assessmentRecorded(Trial t, PainAssessment a) {
        return new OutgoingEvent("trial.assessment-recorded", t.pathwayId(), new AssessmentRecorded(t.pathwayId(),
                t.patientRef(), t.id(), a.id(), a.nrs(), a.minutesSinceDose(), a.oralMmePerDay(), a.functionScore(),
                a.assessedAt()));
    }

    static OutgoingEvent decided(Trial t, ReliefDecision decision) {
        return new OutgoingEvent(decision.passed() ? "trial.passed" : "trial.failed", t.pathwayId(),
                new TrialDecided(t.pathwayId(), t.patientRef(), t.id(), t.indication(), t.trialType(), t.drug(),
                        t.dose(), t.doseUnit(), t.baselineNrs(), decision.meanAssessedNrs(), decision.reliefPercent(),
                        decision.thresholdPercent(), decision.assessmentCount(), t.decision().decidedAt()));
    }

    /** trial.dose-override-recorded: the trial's hold on a HARD dose finding is released by a clinician. */
    static OutgoingEvent doseOverrideRecorded(Trial t) {
        DoseHold hold = t.doseHold();
        return new OutgoingEvent("trial.dose-override-recorded", t.pathwayId(), new DoseOverrideRecorded(t.pathwayId(),
                t.patientRef(), t.id(), t.drug(), t.dose(), t.doseUnit(), hold.check().libraryVersion(),
                hold.check().hardFindings().stream().map(f -> new OverriddenFinding(f.rule(), f.text())).toList(),
                hold.override().reason(), hold.override().by(), hold.override().recordedAt()));
    }

    static OutgoingEvent cancelled(Trial t, TrialStatus previousStatus) {
        return new OutgoingEvent("trial.cancelled", t.pathwayId(), new TrialCancelled(t.pathwayId(), t.patientRef(),
                t.id(), previousStatus, t.cancellation().reason(), t.cancellation().cancelledAt()));
    }
}
