package org.itpump.followup.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.escalation.Urgency;
import org.itpump.followup.domain.plan.RestrictionKind;
import org.itpump.followup.domain.plan.Stay;
import org.itpump.followup.domain.plan.VisitKind;
import org.itpump.followup.store.ComplicationEntity;
import org.itpump.followup.store.EscalationEntity;
import org.itpump.followup.store.MonitoringPlanEntity;
import org.itpump.followup.store.OutcomeEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The facts followup-service publishes (contracts/schemas/followup.*.json). */
public final class FollowupEvents {

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

    private FollowupEvents() {
    }

    public static OutgoingEvent monitoringStarted(MonitoringPlanEntity p) {
        return new OutgoingEvent("followup.monitoring-started", p.pathwayId,
                new MonitoringStarted(p.pathwayId, p.patientRef, p.id, p.implantCaseId, p.startedAt));
    }

    public static OutgoingEvent patientDischarged(MonitoringPlanEntity p, ObservationOverride override) {
        return new OutgoingEvent("followup.patient-discharged", p.pathwayId, new PatientDischarged(p.pathwayId,
                p.patientRef, p.id, p.implantCompletedAt, p.dischargedAt, p.observationHours, p.procedureEndedAt, p.stay,
                p.startedDrug, override));
    }

    public static OutgoingEvent woundFollowupContinued(MonitoringPlanEntity p, String explantReason, OffsetDateTime explantedAt,
                                                      OffsetDateTime followupEndsAt) {
        return new OutgoingEvent("followup.wound-followup-continued", p.pathwayId, new WoundFollowupContinued(p.pathwayId,
                p.patientRef, p.id, p.implantCaseId, explantReason, explantedAt, followupEndsAt));
    }

    public static OutgoingEvent explantEscalated(MonitoringPlanEntity p, EscalationEntity e, String drug, String explantReason) {
        return new OutgoingEvent("followup.explant-escalated", p.pathwayId, new ExplantEscalated(p.pathwayId, p.patientRef,
                p.id, p.implantCaseId, e.id, e.ruleId, e.urgency, e.suspicion, e.action, drug, explantReason, e.raisedAt));
    }

    public static OutgoingEvent escalationReAlerted(MonitoringPlanEntity p, EscalationEntity e) {
        return new OutgoingEvent("followup.escalation-realerted", p.pathwayId, new EscalationReAlerted(p.pathwayId,
                p.patientRef, p.id, e.id, e.ruleId, e.urgency, e.suspicion, e.alertCount, e.raisedAt, e.lastAlertedAt,
                e.reAlertEveryMinutes));
    }

    public static OutgoingEvent escalationAcknowledged(MonitoringPlanEntity p, EscalationEntity e) {
        return new OutgoingEvent("followup.escalation-acknowledged", p.pathwayId, new EscalationAcknowledged(p.pathwayId,
                p.patientRef, p.id, e.id, e.ruleId, e.urgency, e.acknowledgedBy, e.acknowledgedAt, e.alertCount));
    }

    public static OutgoingEvent visitDue(MonitoringPlanEntity p, VisitKind visit, OffsetDateTime dueAt) {
        return new OutgoingEvent("followup.visit-due", p.pathwayId, new VisitDue(p.pathwayId, p.patientRef, p.id, visit, dueAt));
    }

    public static OutgoingEvent restrictionLifted(MonitoringPlanEntity p, RestrictionKind kind, OffsetDateTime liftedAt) {
        return new OutgoingEvent("followup.restriction-lifted", p.pathwayId,
                new RestrictionLifted(p.pathwayId, p.patientRef, p.id, kind, liftedAt));
    }

    public static OutgoingEvent monitoringCompleted(MonitoringPlanEntity p) {
        return new OutgoingEvent("followup.monitoring-completed", p.pathwayId,
                new MonitoringCompleted(p.pathwayId, p.patientRef, p.id, p.endedAt));
    }

    public static OutgoingEvent monitoringClosed(MonitoringPlanEntity p) {
        return new OutgoingEvent("followup.monitoring-closed", p.pathwayId,
                new MonitoringClosed(p.pathwayId, p.patientRef, p.id, p.implantCaseId, p.endReason, p.endedAt,
                        p.replacedByCaseId));
    }

    public static OutgoingEvent complicationReported(MonitoringPlanEntity p, ComplicationEntity c, int escalationCount) {
        return new OutgoingEvent("followup.complication-reported", p.pathwayId, new ComplicationReported(p.pathwayId,
                p.patientRef, p.id, c.id, c.kind, c.severity, c.onsetAt, c.features.stream().sorted().toList(),
                escalationCount, c.reportedAt));
    }

    public static OutgoingEvent complicationEscalated(MonitoringPlanEntity p, EscalationEntity e) {
        return new OutgoingEvent("followup.complication-escalated", p.pathwayId, new ComplicationEscalated(p.pathwayId,
                p.patientRef, p.id, e.complicationId, e.id, e.ruleId, e.urgency, e.suspicion, e.action, e.raisedAt));
    }

    public static OutgoingEvent outcomeRecorded(MonitoringPlanEntity p, OutcomeEntity o, BigDecimal baselineOralMmePerDay,
                                                BigDecimal mmeReductionMgPerDay, BigDecimal mmeReductionPercent) {
        return new OutgoingEvent("followup.outcome-recorded", p.pathwayId, new OutcomeRecorded(p.pathwayId, p.patientRef,
                p.id, o.id, o.assessedAt, o.painNrs, o.rigidityScore, o.spasmScore, o.oralMmePerDay, p.baselineNrs,
                o.painReductionNrs, o.painReductionPercent, baselineOralMmePerDay, mmeReductionMgPerDay, mmeReductionPercent));
    }
}
