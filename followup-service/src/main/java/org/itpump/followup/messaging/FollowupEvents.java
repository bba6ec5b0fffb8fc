package org.itpump.followup.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.followup.domain.FollowupEvent;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.escalation.Urgency;
import org.itpump.followup.domain.plan.RestrictionKind;
import org.itpump.followup.domain.plan.Stay;
import org.itpump.followup.domain.plan.VisitKind;
import org.itpump.followup.domain.complication.RecordedComplication;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.outcome.RecordedOutcome;
import org.itpump.followup.service.FollowupContracts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The facts followup-service publishes (contracts/schemas/followup.*.json): each payload built from the domain
 * event an act returned, never from a stored row.
 */
@ApplicationScoped
public class FollowupEvents implements FollowupContracts {

    public record MonitoringStarted(UUID pathwayId, String patientRef, UUID planId, UUID implantCaseId,
                                    OffsetDateTime startedAt) {
    }

    /** {@code observationOverride} only when a clinician discharged before the opioid first-dose observation ended. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PatientDischarged(UUID pathwayId, String patientRef, UUID planId, OffsetDateTime implantCompletedAt,
                                    OffsetDateTime dischargedAt, int observationHours, OffsetDateTime procedureEndedAt,
                                    Stay stay, String startedDrug, ObservationOverride observationOverride) {
    }

    /** The override of a discharge rule: which rule, why, by whom (the token's clinician), and what it required. */
    public record ObservationOverride(String rule, String reason, String overriddenBy, String drug, int requiredHours,
                                      OffsetDateTime requiredUntil) {
    }

    public record WoundFollowupContinued(UUID pathwayId, String patientRef, UUID planId, UUID implantCaseId,
                                         String explantReason, OffsetDateTime explantedAt, OffsetDateTime followupEndsAt) {
    }

    public record ExplantEscalated(UUID pathwayId, String patientRef, UUID planId, UUID implantCaseId, UUID escalationId,
                                   String ruleId, Urgency urgency, String suspicion, String action, String drug,
                                   String explantReason, OffsetDateTime escalatedAt) {
    }

    public record EscalationReAlerted(UUID pathwayId, String patientRef, UUID planId, UUID escalationId, String ruleId,
                                      Urgency urgency, String suspicion, int alertNumber, OffsetDateTime raisedAt,
                                      OffsetDateTime reAlertedAt, int reAlertEveryMinutes) {
    }

    public record EscalationAcknowledged(UUID pathwayId, String patientRef, UUID planId, UUID escalationId, String ruleId,
                                         Urgency urgency, String acknowledgedBy, OffsetDateTime acknowledgedAt,
                                         int alertCount) {
    }

    public record VisitDue(UUID pathwayId, String patientRef, UUID planId, VisitKind visit, OffsetDateTime dueAt) {
    }

    public record RestrictionLifted(UUID pathwayId, String patientRef, UUID planId, RestrictionKind restriction,
                                    OffsetDateTime liftedAt) {
    }

    public record MonitoringCompleted(UUID pathwayId, String patientRef, UUID planId, OffsetDateTime completedAt) {
    }

    /** replacedByCaseId: the replacement case whose plan takes over (reason REPLACED: ...), else null. */
    public record MonitoringClosed(UUID pathwayId, String patientRef, UUID planId, UUID implantCaseId, String reason,
                                   OffsetDateTime closedAt, UUID replacedByCaseId) {
    }

    public record ComplicationReported(UUID pathwayId, String patientRef, UUID planId, UUID complicationId,
                                       ComplicationKind kind, Severity severity, OffsetDateTime onsetAt,
                                       List<ClinicalFeature> features, int escalationCount, OffsetDateTime reportedAt) {
    }

    public record ComplicationEscalated(UUID pathwayId, String patientRef, UUID planId, UUID complicationId,
                                        UUID escalationId, String ruleId, Urgency urgency, String suspicion,
                                        String action, OffsetDateTime escalatedAt) {
    }

    /** Percentages and MME changes are left out when they do not exist (zero or unrecorded baseline). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutcomeRecorded(UUID pathwayId, String patientRef, UUID planId, UUID outcomeId,
                                  OffsetDateTime assessedAt, int painNrs, int rigidityScore, int spasmScore,
                                  BigDecimal oralMmePerDay, int baselineNrs, int painReductionNrs,
                                  BigDecimal painReductionPercent, BigDecimal baselineOralMmePerDay,
                                  BigDecimal mmeReductionMgPerDay, BigDecimal mmeReductionPercent) {
    }

    /** The contract of a domain event: its CloudEvents type, the pathway it is published on and its payload. */
    @Override
    public OutgoingEvent toContract(FollowupEvent event) {
        FollowupEvent.Plan p = event.plan();
        if (event instanceof FollowupEvent.MonitoringStarted e) {
            return new OutgoingEvent("followup.monitoring-started", p.pathwayId(),
                    new MonitoringStarted(p.pathwayId(), p.patientRef(), p.planId(), p.implantCaseId(), e.startedAt()));
        }
        if (event instanceof FollowupEvent.PatientDischarged e) {
            FollowupEvent.DischargeOverride o = e.override();
            return new OutgoingEvent("followup.patient-discharged", p.pathwayId(), new PatientDischarged(p.pathwayId(),
                    p.patientRef(), p.planId(), e.implantCompletedAt(), e.dischargedAt(), e.observationHours(),
                    e.procedureEndedAt(), e.stay(), e.startedDrug(), o == null ? null : new ObservationOverride(o.rule(),
                    o.reason(), o.overriddenBy(), o.drug(), o.requiredHours(), o.requiredUntil())));
        }
        if (event instanceof FollowupEvent.WoundFollowupContinued e) {
            return new OutgoingEvent("followup.wound-followup-continued", p.pathwayId(), new WoundFollowupContinued(
                    p.pathwayId(), p.patientRef(), p.planId(), p.implantCaseId(), e.explantReason(), e.explantedAt(),
                    e.followupEndsAt()));
        }
        if (event instanceof FollowupEvent.ExplantEscalated e) {
            RaisedEscalation x = e.escalation();
            return new OutgoingEvent("followup.explant-escalated", p.pathwayId(), new ExplantEscalated(p.pathwayId(),
                    p.patientRef(), p.planId(), p.implantCaseId(), x.id(), x.ruleId(), x.urgency(), x.suspicion(),
                    x.action(), e.drug(), e.explantReason(), x.raisedAt()));
        }
        if (event instanceof FollowupEvent.EscalationReAlerted e) {
            RaisedEscalation x = e.escalation();
            return new OutgoingEvent("followup.escalation-realerted", p.pathwayId(), new EscalationReAlerted(
                    p.pathwayId(), p.patientRef(), p.planId(), x.id(), x.ruleId(), x.urgency(), x.suspicion(),
                    x.alertCount(), x.raisedAt(), x.lastAlertedAt(), x.reAlertEveryMinutes()));
        }
        if (event instanceof FollowupEvent.EscalationAcknowledged e) {
            RaisedEscalation x = e.escalation();
            return new OutgoingEvent("followup.escalation-acknowledged", p.pathwayId(), new EscalationAcknowledged(
                    p.pathwayId(), p.patientRef(), p.planId(), x.id(), x.ruleId(), x.urgency(), x.acknowledgedBy(),
                    x.acknowledgedAt(), x.alertCount()));
        }
        if (event instanceof FollowupEvent.VisitDue e) {
            return new OutgoingEvent("followup.visit-due", p.pathwayId(),
                    new VisitDue(p.pathwayId(), p.patientRef(), p.planId(), e.visit(), e.dueAt()));
        }
        if (event instanceof FollowupEvent.RestrictionLifted e) {
            return new OutgoingEvent("followup.restriction-lifted", p.pathwayId(),
                    new RestrictionLifted(p.pathwayId(), p.patientRef(), p.planId(), e.restriction(), e.liftedAt()));
        }
        if (event instanceof FollowupEvent.MonitoringCompleted e) {
            return new OutgoingEvent("followup.monitoring-completed", p.pathwayId(),
                    new MonitoringCompleted(p.pathwayId(), p.patientRef(), p.planId(), e.completedAt()));
        }
        if (event instanceof FollowupEvent.MonitoringClosed e) {
            return new OutgoingEvent("followup.monitoring-closed", p.pathwayId(), new MonitoringClosed(p.pathwayId(),
                    p.patientRef(), p.planId(), p.implantCaseId(), e.reason(), e.closedAt(), e.replacedByCaseId()));
        }
        if (event instanceof FollowupEvent.ComplicationReported e) {
            RecordedComplication c = e.complication();
            return new OutgoingEvent("followup.complication-reported", p.pathwayId(), new ComplicationReported(
                    p.pathwayId(), p.patientRef(), p.planId(), c.id(), c.kind(), c.severity(), c.onsetAt(),
                    c.features().stream().sorted().toList(), e.escalationCount(), c.reportedAt()));
        }
        if (event instanceof FollowupEvent.ComplicationEscalated e) {
            RaisedEscalation x = e.escalation();
            return new OutgoingEvent("followup.complication-escalated", p.pathwayId(), new ComplicationEscalated(
                    p.pathwayId(), p.patientRef(), p.planId(), x.complicationId(), x.id(), x.ruleId(), x.urgency(),
                    x.suspicion(), x.action(), x.raisedAt()));
        }
        if (event instanceof FollowupEvent.OutcomeRecorded e) {
            RecordedOutcome o = e.outcome();
            return new OutgoingEvent("followup.outcome-recorded", p.pathwayId(), new OutcomeRecorded(p.pathwayId(),
                    p.patientRef(), p.planId(), o.id(), o.assessedAt(), o.painNrs(), o.rigidityScore(), o.spasmScore(),
                    o.oralMmePerDay(), e.baselineNrs(), o.painReductionNrs(), o.painReductionPercent(),
                    e.baselineOralMmePerDay(), e.mmeReductionMgPerDay(), e.mmeReductionPercent()));
        }
        throw new IllegalArgumentException("No contract for " + event.getClass().getName());
    }
}
