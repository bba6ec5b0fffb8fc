package org.itpump.followup.api;

import org.itpump.chassis.timer.DueTimer;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.device.MriAdvice;
import org.itpump.followup.domain.escalation.Urgency;
import org.itpump.followup.domain.plan.MonitoringPlan;
import org.itpump.followup.domain.plan.PlanChoices;
import org.itpump.followup.domain.plan.RestrictionKind;
import org.itpump.followup.domain.plan.VisitKind;
import org.itpump.followup.service.PlanRecords;
import org.itpump.followup.domain.complication.RecordedComplication;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.outcome.RecordedOutcome;
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One plan as the nurses see it: its schedule derived from the choices and the procedure's end, the pump's drug
 * and MRI advice, and everything recorded against it ({@code explantEscalations}: those raised by an explant).
 */
public record MonitoringPlanDetail(UUID planId, UUID pathwayId, String patientRef, UUID implantCaseId, int baselineNrs,
                                   MonitoringPlanStatus status, OffsetDateTime startedAt, OffsetDateTime endedAt,
                                   String endReason, OffsetDateTime implantCompletedAt, Instant procedureEndedAt,
                                   String hospitalZone, PlanChoices choices, String startedDrug, Device device,
                                   Discharge discharge, Instant oralMedicationEndsAt, Instant monitoringWindowEndsAt,
                                   List<RestrictionLine> restrictions, List<VisitLine> visits, List<TimerLine> timers,
                                   List<ComplicationLine> complications, List<EscalationLine> explantEscalations,
                                   List<OutcomeLine> outcomes, UUID replacedByCaseId) {

    /**
     * @param requiredObservationEndsAt the later of the chosen observation and, after an opioid start, 24 h
     * @param overrideReason            why a clinician discharged before the opioid observation ended, if so
     */
    public record Discharge(Instant observationEndsAt, Instant opioidObservationEndsAt, Instant requiredObservationEndsAt,
                            boolean sameDayDischargePossible, Instant dischargedAt, String overrideReason,
                            String overriddenBy) {
    }

    /** The implanted pump and what an MRI scan needs with it (manufacturer's MRI labeling, named in the advice). */
    public record Device(String manufacturer, String model, MriAdvice mriAdvice) {
    }

    public record RestrictionLine(RestrictionKind kind, Instant endsAt, boolean inForce) {
    }

    public record VisitLine(VisitKind kind, Instant dueAt) {
    }

    public record TimerLine(String key, OffsetDateTime dueAt, String state) {
        static TimerLine of(DueTimer t) {
            return new TimerLine(t.key, t.dueAt, t.firedAt != null ? "FIRED" : t.cancelledAt != null ? "CANCELLED" : "PENDING");
        }
    }

    public record EscalationLine(UUID escalationId, String ruleId, Urgency urgency, String suspicion, String action,
                                 boolean open, OffsetDateTime acknowledgedAt, String acknowledgedBy, int alertCount,
                                 int reAlertEveryMinutes) {
        static EscalationLine of(RaisedEscalation e) {
            return new EscalationLine(e.id(), e.ruleId(), e.urgency(), e.suspicion(), e.action(), e.isOpen(),
                    e.acknowledgedAt(), e.acknowledgedBy(), e.alertCount(), e.reAlertEveryMinutes());
        }
    }

    public record ComplicationLine(UUID complicationId, ComplicationKind kind, Severity severity, OffsetDateTime onsetAt,
                                   Set<ClinicalFeature> features, OffsetDateTime reportedAt, List<EscalationLine> escalations) {
        static ComplicationLine of(RecordedComplication c, List<RaisedEscalation> escalations) {
            return new ComplicationLine(c.id(), c.kind(), c.severity(), c.onsetAt(), c.features(), c.reportedAt(),
                    escalations.stream().filter(e -> c.id().equals(e.complicationId())).map(EscalationLine::of).toList());
        }
    }

    public record OutcomeLine(UUID outcomeId, OffsetDateTime assessedAt, int painNrs, int rigidityScore, int spasmScore,
                              BigDecimal oralMmePerDay, int painReductionNrs, BigDecimal painReductionPercent) {
        static OutcomeLine of(RecordedOutcome o) {
            return new OutcomeLine(o.id(), o.assessedAt(), o.painNrs(), o.rigidityScore(), o.spasmScore(),
                    o.oralMmePerDay(), o.painReductionNrs(), o.painReductionPercent());
        }
    }

    static MonitoringPlanDetail of(PlanRecords r, Instant now) {
        PostImplantMonitoring p = r.plan();
        MonitoringPlan plan = p.schedule();
        return new MonitoringPlanDetail(p.id(), p.pathwayId(), p.patientRef(), p.implantCaseId(), p.baselineNrs(),
                p.status(), p.startedAt(), p.endedAt(), p.endReason(), p.implantCompletedAt(), plan.procedureEndedAt(),
                p.hospitalZone().getId(), plan.choices(), p.startedDrug(),
                new Device(p.deviceManufacturer(), p.deviceModel(), p.mriAdvice()),
                new Discharge(plan.observationEndsAt(), plan.opioidObservationEndsAt().orElse(null),
                        plan.requiredObservationEndsAt(), plan.sameDayDischargePossible(), plan.dischargedAt().orElse(null),
                        p.dischargeOverrideReason(), p.dischargeOverrideBy()),
                plan.oralMedicationEndsAt(), plan.monitoringWindowEndsAt(),
                plan.restrictions().stream().map(x -> new RestrictionLine(x.kind(), x.endsAt(), x.inForceAt(now))).toList(),
                plan.visits().stream().map(v -> new VisitLine(v.kind(), v.dueAt())).toList(),
                r.timers().stream().map(TimerLine::of).toList(),
                r.complications().stream().map(c -> ComplicationLine.of(c, r.escalations())).toList(),
                r.escalations().stream().filter(e -> e.complicationId() == null).map(EscalationLine::of).toList(),
                r.outcomes().stream().map(OutcomeLine::of).toList(), p.replacedByCaseId());
    }
}
