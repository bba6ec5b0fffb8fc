package org.itpump.followup.domain.plan;

import org.itpump.chassis.time.Times;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.followup.domain.FollowupEvent;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.RecordedComplication;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.device.MriAdvice;
import org.itpump.followup.domain.escalation.EscalationContext;
import org.itpump.followup.domain.escalation.EscalationRules;
import org.itpump.followup.domain.escalation.ExplantRisk;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.outcome.OutcomeAssessment;
import org.itpump.followup.domain.outcome.OutcomeComparison;
import org.itpump.followup.domain.outcome.PreTrialBaseline;
import org.itpump.followup.domain.outcome.RecordedOutcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The monitoring plan of one implanted pump, from implant.completed until its window ends or the pump comes out:
 * the aggregate whose clinical acts (discharge, changeChoices, explant, milestoneDue, reportComplication,
 * recordOutcome) check their rules, change its state and return the events they caused. Its schedule is the
 * {@link MonitoringPlan} rebuilt from what is stored here (procedure end, zone, choices, started drug, discharge).
 */
public final class PostImplantMonitoring {

    private final UUID id;
    private final UUID pathwayId;
    private final String patientRef;
    private final UUID implantCaseId;
    private final int baselineNrs;
    private MonitoringPlanStatus status;
    private final OffsetDateTime startedAt;
    private final OffsetDateTime implantCompletedAt;
    private final OffsetDateTime procedureEndedAt;
    private final ZoneId hospitalZone;
    private PlanChoices choices;
    private String startedDrug;
    private final String deviceManufacturer;
    private final String deviceModel;
    private OffsetDateTime dischargedAt;
    private String dischargeOverrideReason;
    private String dischargeOverrideBy;
    private UUID replacedByCaseId;
    private OffsetDateTime endedAt;
    private String endReason;

    /** A plan as stored (persistence maps it back with this). */
    public PostImplantMonitoring(UUID id, UUID pathwayId, String patientRef, UUID implantCaseId, int baselineNrs,
                                 MonitoringPlanStatus status, OffsetDateTime startedAt,
                                 OffsetDateTime implantCompletedAt, OffsetDateTime procedureEndedAt,
                                 ZoneId hospitalZone, PlanChoices choices, String startedDrug,
                                 String deviceManufacturer, String deviceModel, OffsetDateTime dischargedAt,
                                 String dischargeOverrideReason, String dischargeOverrideBy, UUID replacedByCaseId,
                                 OffsetDateTime endedAt, String endReason) {
        this.id = id;
        this.pathwayId = pathwayId;
        this.patientRef = patientRef;
        this.implantCaseId = implantCaseId;
        this.baselineNrs = baselineNrs;
        this.status = status;
        this.startedAt = startedAt;
        this.implantCompletedAt = implantCompletedAt;
        this.procedureEndedAt = procedureEndedAt;
        this.hospitalZone = hospitalZone;
        this.choices = choices;
        this.startedDrug = startedDrug;
        this.deviceManufacturer = deviceManufacturer;
        this.deviceModel = deviceModel;
        this.dischargedAt = dischargedAt;
        this.dischargeOverrideReason = dischargeOverrideReason;
        this.dischargeOverrideBy = dischargeOverrideBy;
        this.replacedByCaseId = replacedByCaseId;
        this.endedAt = endedAt;
        this.endReason = endReason;
    }

    /**
     * Opens the plan of a pump just implanted (followup.monitoring-started), with the default choices; its dates
     * count from planStartsAt (the procedure's end). startedDrug: from dosing events already read, or null.
     */
    public static PostImplantMonitoring start(UUID pathwayId, String patientRef, UUID implantCaseId, int baselineNrs,
                                              OffsetDateTime completedAt, OffsetDateTime planStartsAt,
                                              ZoneId hospitalZone, String startedDrug, String deviceManufacturer,
                                              String deviceModel, Instant now) {
        return new PostImplantMonitoring(UUID.randomUUID(), pathwayId, patientRef, implantCaseId, baselineNrs,
                MonitoringPlanStatus.ACTIVE, Times.utc(now), Times.utc(completedAt),
                Times.utc(planStartsAt), hospitalZone, PlanChoices.DEFAULTS, startedDrug, deviceManufacturer,
                deviceModel, null, null, null, null, null, null);
    }

    /** What opening the plan caused. */
    public List<FollowupEvent> started() {
        return List.of(new FollowupEvent.MonitoringStarted(ref(), startedAt));
    }

    /** The schedule: every date derived from the procedure's end, the zone and the choices. */
    public MonitoringPlan schedule() {
        return MonitoringPlan.restore(procedureEndedAt.toInstant(), hospitalZone, choices, startedDrug,
                dischargedAt == null ? null : dischargedAt.toInstant());
    }

    /** New choices re-derive every date (the caller moves the timers). 409 unless ACTIVE. */
    public void changeChoices(PlanChoices choices) {
        requireActive("change its choices");
        this.choices = choices;
    }

    /**
     * Discharge after observation ({@link MonitoringPlan#recordDischarge}): 409 when already discharged or the
     * plan is not ACTIVE; 422 before the observation ends, before 24 h after an opioid start without an override
     * reason, or on a day the stay does not allow. An override used is kept with the clinician who gave it and
     * published in followup.patient-discharged.
     */
    public List<FollowupEvent> discharge(Instant at, Instant now, String overrideReason, String clinician) {
        requireActive("record a discharge");
        MonitoringPlan.Discharged discharged = schedule().recordDischarge(at, now, overrideReason);
        dischargedAt = Times.utc(discharged.plan().dischargedAt().orElseThrow());
        FollowupEvent.DischargeOverride override = discharged.override().map(o -> {
            dischargeOverrideReason = o.reason();
            dischargeOverrideBy = clinician;
            return new FollowupEvent.DischargeOverride(o.rule(), o.reason(), clinician, o.drug(), o.requiredHours(),
                    Times.utc(o.requiredUntil()));
        }).orElse(null);
        return List.of(new FollowupEvent.PatientDischarged(ref(), implantCompletedAt, dischargedAt,
                choices.observationHours(), procedureEndedAt, choices.stay(), startedDrug, override));
    }

    /**
     * What an explant did to the plan: WOUND_FOLLOWUP keeps the timers keyed in keepTimers (cancel the others),
     * CLOSED cancels them all, null left the plan as it was (already over).
     */
    public record Explanted(MonitoringPlanStatus became, List<String> keepTimers, List<FollowupEvent> events) {
    }

    /**
     * The pump is out. An explant for infection keeps the wound and infection follow-up for the plan's remaining
     * window (WOUND_FOLLOWUP, followup.wound-followup-continued); any other explant closes the plan
     * (followup.monitoring-closed). A pump removed in its replacement's surgery closes the plan as REPLACED
     * ("REPLACED: reason", replacedByCaseId kept), except after an infection. A plan already over stays as it is.
     *
     * @param explantedAt when the pump came out, or null (then now)
     */
    public Explanted explant(String reason, UUID replacedBy, OffsetDateTime explantedAt, Instant now) {
        boolean replaced = replacedBy != null;
        String endedFor = (replaced ? "REPLACED" : "EXPLANTED") + (reason == null ? "" : ": " + reason);
        if (replaced) {
            replacedByCaseId = replacedBy;
        }
        MonitoringPlanStatus next = status != MonitoringPlanStatus.ACTIVE ? null
                : replaced && !"INFECTION".equals(reason) ? status.transitionTo(MonitoringPlanStatus.CLOSED)
                : status.afterExplant(reason);
        if (next == MonitoringPlanStatus.WOUND_FOLLOWUP) {
            status = next;
            endReason = endedFor;
            OffsetDateTime at = explantedAt != null ? Times.utc(explantedAt) : Times.utc(now);
            MonitoringPlan schedule = schedule();
            return new Explanted(next, schedule.woundFollowupMilestones().stream().map(Milestone::key).toList(),
                    List.of(new FollowupEvent.WoundFollowupContinued(ref(), reason, at,
                            Times.utc(schedule.monitoringWindowEndsAt()))));
        }
        if (next == MonitoringPlanStatus.CLOSED) {
            status = next;
            endedAt = Times.utc(now);
            endReason = endedFor;
            return new Explanted(next, List.of(), List.of(closed()));
        }
        return new Explanted(null, List.of(), List.of());
    }

    /**
     * A milestone's timer fell due: a visit or a restriction's end is announced; the window's end completes an
     * ACTIVE plan (followup.monitoring-completed) and closes one kept for wound follow-up; the oral medication
     * course's end is shown in the plan only. Nothing for a CLOSED plan (its timers raced the close).
     *
     * @param subject the milestone's subject (a VisitKind or RestrictionKind name), or null
     */
    public List<FollowupEvent> milestoneDue(MilestoneKind kind, String subject, OffsetDateTime dueAt) {
        if (status == MonitoringPlanStatus.CLOSED) {
            return List.of();
        }
        return switch (kind) {
            case VISIT_DUE -> List.of(new FollowupEvent.VisitDue(ref(), VisitKind.valueOf(subject), dueAt));
            case RESTRICTION_LIFTED ->
                    List.of(new FollowupEvent.RestrictionLifted(ref(), RestrictionKind.valueOf(subject), dueAt));
            case ORAL_MEDICATION_COURSE_ENDED -> List.of(); // shown in the plan; no event in the contract
            case MONITORING_WINDOW_ENDED -> windowEnded(dueAt);
        };
    }

    private List<FollowupEvent> windowEnded(OffsetDateTime at) {
        if (status == MonitoringPlanStatus.WOUND_FOLLOWUP) {
            // the pump is out and the wound follow-up is over: the plan closes now
            status = status.transitionTo(MonitoringPlanStatus.CLOSED);
            endedAt = at;
            endReason = endReason + "; wound follow-up ended";
            return List.of(closed());
        }
        if (status != MonitoringPlanStatus.ACTIVE) {
            return List.of();
        }
        status = status.transitionTo(MonitoringPlanStatus.COMPLETED);
        endedAt = at;
        endReason = "MONITORING_WINDOW_ENDED";
        return List.of(new FollowupEvent.MonitoringCompleted(ref(), endedAt));
    }

    private FollowupEvent closed() {
        return new FollowupEvent.MonitoringClosed(ref(), endReason, endedAt, replacedByCaseId);
    }

    /** dosing.pump-programmed named the pump's first drug: kept unless one is known already. True when it changed. */
    public boolean learnStartedDrug(String code) {
        if (startedDrug != null) {
            return false;
        }
        startedDrug = code;
        return true;
    }

    /** A complication reported and the escalations the rules raised for it. */
    public record Reported(RecordedComplication complication, List<RaisedEscalation> escalations,
                           List<FollowupEvent> events) {
    }

    /**
     * Reports a complication (followup.complication-reported), escalated by the rules with what the plan knows
     * (the pump's drug, its MRI advice): one followup.complication-escalated each. 409 on a plan that is over
     * (CLOSED or COMPLETED); 422 for an onset before the procedure ended or in the future.
     *
     * @param pumpDrug the pump's current drug from dosing events, or null (then the started drug)
     */
    public Reported reportComplication(ComplicationKind kind, Severity severity, Instant onsetAt,
                                       Set<ClinicalFeature> features, EscalationRules rules, String pumpDrug,
                                       Instant now) {
        requireAcceptsComplications();
        ComplicationReport report = ComplicationReport.reported(kind, severity, onsetAt, features,
                procedureEndedAt.toInstant(), now);
        EscalationContext context = new EscalationContext(pumpDrug != null ? pumpDrug : startedDrug, deviceModel,
                mriAdvice());
        OffsetDateTime at = Times.utc(now);
        RecordedComplication complication = new RecordedComplication(UUID.randomUUID(), id, report.kind(),
                report.severity(), Times.utc(report.onsetAt()), report.features(), at);
        List<RaisedEscalation> escalations = rules.evaluate(report, context).stream().map(e ->
                RaisedEscalation.raise(id, complication.id(), RaisedEscalation.CAUSE_COMPLICATION, e, at)).toList();
        List<FollowupEvent> events = new ArrayList<>();
        events.add(new FollowupEvent.ComplicationReported(ref(), complication, escalations.size()));
        escalations.forEach(e -> events.add(new FollowupEvent.ComplicationEscalated(ref(), e)));
        return new Reported(complication, escalations, events);
    }

    /** 409 unless complications are still reported (ACTIVE, or kept for wound follow-up). */
    public void requireAcceptsComplications() {
        if (!status.acceptsComplications()) {
            throw new StateConflictException("Cannot report a complication: the monitoring plan is " + status);
        }
    }

    /** An explant escalation raised, and the event it caused. */
    public record ExplantEscalation(RaisedEscalation escalation, List<FollowupEvent> events) {
    }

    /**
     * The explant of a withdrawal-critical drug's pump raises an URGENT escalation at once
     * (followup.explant-escalated), whatever the plan's state; one per plan (alreadyEscalated: a re-published
     * explant raises no second one); none when the pump was replaced in the same surgery ({@link ExplantRisk}).
     * Its action names the withdrawal plan recorded with the explant, if any (null: none).
     */
    public Optional<ExplantEscalation> escalateExplant(String pumpDrug, boolean replaced,
                                                       ExplantRisk.WithdrawalPlan withdrawalPlan,
                                                       boolean alreadyEscalated, String explantReason, Instant now) {
        var escalation = ExplantRisk.onExplant(pumpDrug, replaced, withdrawalPlan);
        if (escalation.isEmpty() || alreadyEscalated) {
            return Optional.empty();
        }
        RaisedEscalation raised = RaisedEscalation.raise(id, null, RaisedEscalation.CAUSE_EXPLANT, escalation.get(),
                Times.utc(now));
        return Optional.of(new ExplantEscalation(raised,
                List.of(new FollowupEvent.ExplantEscalated(ref(), raised, pumpDrug, explantReason))));
    }

    /** An outcome and its comparison with the pre-trial baseline. */
    public record Assessed(RecordedOutcome outcome, OutcomeComparison comparison, List<FollowupEvent> events) {
    }

    /**
     * Records an outcome assessment (followup.outcome-recorded) compared with the pre-trial baseline NRS; the
     * pathway's events carry no baseline MME, so its comparison is left out rather than guessed. 409 on a closed
     * plan or one kept for wound follow-up (the pump is out); 422 for a time before the implant or in the future.
     *
     * @param assessedAtOrNull now when absent
     */
    public Assessed recordOutcome(Instant assessedAtOrNull, int painNrs, int rigidityScore, int spasmScore,
                                  BigDecimal oralMmePerDay, Instant now) {
        if (status == MonitoringPlanStatus.CLOSED || status == MonitoringPlanStatus.WOUND_FOLLOWUP) {
            throw new StateConflictException("Cannot record an outcome: the monitoring plan is " + status);
        }
        OutcomeAssessment assessment = OutcomeAssessment.recorded(assessedAtOrNull != null ? assessedAtOrNull : now,
                painNrs, rigidityScore, spasmScore, oralMmePerDay, procedureEndedAt.toInstant(), now);
        OutcomeComparison comparison = OutcomeComparison.compare(PreTrialBaseline.withoutOralMme(baselineNrs), assessment);
        RecordedOutcome outcome = new RecordedOutcome(UUID.randomUUID(), id, Times.utc(assessment.assessedAt()),
                assessment.painNrs(), assessment.rigidityScore(), assessment.spasmScore(), assessment.oralMmePerDay(),
                comparison.painReductionNrs(), comparison.painReductionPercent().orElse(null), Times.utc(now));
        return new Assessed(outcome, comparison, List.of(new FollowupEvent.OutcomeRecorded(ref(), outcome, baselineNrs,
                comparison.baseline().oralMme().orElse(null), comparison.mmeReductionMgPerDay().orElse(null),
                comparison.mmeReductionPercent().orElse(null))));
    }

    /** The plan as events name it. */
    public FollowupEvent.Plan ref() {
        return new FollowupEvent.Plan(id, pathwayId, patientRef, implantCaseId);
    }

    private void requireActive(String action) {
        if (status != MonitoringPlanStatus.ACTIVE) {
            throw new StateConflictException("Cannot " + action + ": the monitoring plan is " + status);
        }
    }

    public MriAdvice mriAdvice() {
        return MriAdvice.forModel(deviceManufacturer, deviceModel);
    }

    public UUID id() {
        return id;
    }

    public UUID pathwayId() {
        return pathwayId;
    }

    public String patientRef() {
        return patientRef;
    }

    public UUID implantCaseId() {
        return implantCaseId;
    }

    public int baselineNrs() {
        return baselineNrs;
    }

    public MonitoringPlanStatus status() {
        return status;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime implantCompletedAt() {
        return implantCompletedAt;
    }

    public OffsetDateTime procedureEndedAt() {
        return procedureEndedAt;
    }

    public ZoneId hospitalZone() {
        return hospitalZone;
    }

    public PlanChoices choices() {
        return choices;
    }

    public String startedDrug() {
        return startedDrug;
    }

    public String deviceManufacturer() {
        return deviceManufacturer;
    }

    public String deviceModel() {
        return deviceModel;
    }

    public OffsetDateTime dischargedAt() {
        return dischargedAt;
    }

    public String dischargeOverrideReason() {
        return dischargeOverrideReason;
    }

    public String dischargeOverrideBy() {
        return dischargeOverrideBy;
    }

    public UUID replacedByCaseId() {
        return replacedByCaseId;
    }

    public OffsetDateTime endedAt() {
        return endedAt;
    }

    public String endReason() {
        return endReason;
    }
}
