package org.itpump.followup.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.inbox.AwaitingStateException;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.plan.MonitoringPlan;
import org.itpump.followup.domain.plan.PlanChoices;
import org.itpump.followup.messaging.FollowupEvents;
import org.itpump.followup.messaging.ImplantEventsConsumer.ImplantCompleted;
import org.itpump.followup.messaging.ImplantEventsConsumer.ImplantExplanted;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.store.MonitoringPlanEntity;
import org.itpump.followup.store.MonitoringPlanRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** The plan's lifecycle: opened by the implant, adjusted and discharged by clinicians, closed by an explant. */
@ApplicationScoped
public class MonitoringPlanService {

    private final MonitoringPlanRepository plans;
    private final FollowupRecords records;
    private final MilestoneTimers timers;
    private final Outbox outbox;
    private final ComplicationService escalations;
    private final Clock clock;
    private final ZoneId hospitalZone;

    MonitoringPlanService(MonitoringPlanRepository plans, FollowupRecords records, MilestoneTimers timers, Outbox outbox,
                          ComplicationService escalations, Clock clock,
                          @ConfigProperty(name = "itpump.followup.hospital-zone", defaultValue = "UTC") ZoneId hospitalZone) {
        this.plans = plans;
        this.records = records;
        this.timers = timers;
        this.outbox = outbox;
        this.escalations = escalations;
        this.clock = clock;
        this.hospitalZone = hospitalZone;
    }

    /**
     * Runs in the consumer's transaction; a second implant.completed for the same case changes nothing. The plan's
     * dates count from the procedure's end; the drug is taken from dosing events already read, if any.
     */
    public Uni<MonitoringPlanEntity> startForImplant(ImplantCompleted implant) {
        return plans.byImplantCase(implant.caseId()).onItem().ifNull().switchTo(() -> records.latestPumpDrug(implant.pathwayId()).chain(drug -> {
            MonitoringPlanEntity plan = new MonitoringPlanEntity();
            plan.id = UUID.randomUUID();
            plan.pathwayId = implant.pathwayId();
            plan.patientRef = implant.patientRef();
            plan.implantCaseId = implant.caseId();
            plan.baselineNrs = implant.baselineNrs();
            plan.status = MonitoringPlanStatus.ACTIVE;
            plan.startedAt = Times.now(clock);
            plan.implantCompletedAt = Times.utc(implant.completedAt());
            plan.procedureEndedAt = Times.utc(implant.planStartsAt());
            plan.hospitalZone = hospitalZone.getId();
            plan.startedDrug = drug == null ? null : drug.firstDrug;
            if (implant.device() != null) {
                plan.deviceManufacturer = implant.device().manufacturer();
                plan.deviceModel = implant.device().model();
            }
            plan.choose(PlanChoices.DEFAULTS);
            return plans.persist(plan)
                    .call(() -> timers.schedule(plan))
                    .call(() -> outbox.append(FollowupEvents.monitoringStarted(plan)));
        }));
    }

    /**
     * The pump is out. An explant for infection keeps the wound and infection follow-up for the plan's remaining
     * window (status WOUND_FOLLOWUP: the wound check, suture removal and window end stay, the other timers are
     * cancelled, followup.wound-followup-continued is published); any other explant closes the plan (all timers
     * cancelled, followup.monitoring-closed). A pump removed in its replacement's surgery (replacedByCaseId) closes
     * the plan as REPLACED (endReason "REPLACED: reason", replacedByCaseId kept; the new case's implant.completed opens
     * the next plan), whatever the reason. A plan already over stays as it is. Whatever the plan's state, the explant
     * of a withdrawal-critical drug's pump (baclofen, learnt from dosing events) raises an URGENT escalation, naming
     * the recorded withdrawal plan if any; not when the pump was replaced in the same surgery ({@link
     * org.itpump.followup.domain.escalation.ExplantRisk}).
     */
    public Uni<Void> closeForExplant(ImplantExplanted explant) {
        return plans.byImplantCase(explant.caseId()).chain(plan -> {
            if (plan == null) {
                throw new AwaitingStateException("no monitoring plan for implant case " + explant.caseId()
                        + " yet (implant.completed not applied)");
            }
            // a pump replaced in the same surgery: the plan closes as REPLACED and the new case's plan takes over,
            // except after an infection: the old pocket's wound follow-up goes on (issue 13), as after any explant
            // for infection
            String reason = (explant.replaced() ? "REPLACED" : "EXPLANTED") + (explant.reason() == null ? "" : ": " + explant.reason());
            if (explant.replaced()) {
                plan.replacedByCaseId = explant.replacedByCaseId();
            }
            Uni<Void> stateChange = Uni.createFrom().voidItem();
            MonitoringPlanStatus next = plan.status != MonitoringPlanStatus.ACTIVE ? null
                    : explant.replaced() && !"INFECTION".equals(explant.reason()) ? plan.status.transitionTo(MonitoringPlanStatus.CLOSED)
                    : plan.status.afterExplant(explant.reason());
            if (next == MonitoringPlanStatus.WOUND_FOLLOWUP) {
                plan.status = next;
                plan.endReason = reason;
                OffsetDateTime explantedAt = explant.explantedAt() != null ? Times.utc(explant.explantedAt()) : Times.now(clock);
                List<String> keep = plan.toDomain().woundFollowupMilestones().stream().map(m -> m.key()).toList();
                stateChange = records.cancelTimersExcept(plan.id, keep, Times.now(clock)).replaceWithVoid()
                        .chain(() -> outbox.append(FollowupEvents.woundFollowupContinued(plan, explant.reason(), explantedAt,
                                Times.utc(plan.toDomain().monitoringWindowEndsAt()))));
            } else if (next == MonitoringPlanStatus.CLOSED) {
                plan.status = next;
                plan.endedAt = Times.now(clock);
                plan.endReason = reason;
                stateChange = timers.cancelAll(plan.id).chain(() -> outbox.append(FollowupEvents.monitoringClosed(plan)));
            }
            return stateChange.chain(() -> records.latestPumpDrug(plan.pathwayId))
                    .chain(drug -> escalations.escalateExplant(plan, drug != null ? drug.currentDrug : plan.startedDrug,
                            explant));
        });
    }

    /** New choices re-derive every date; the pending timers move with them. 422 outside the allowed ranges. */
    @WithTransaction
    public Uni<MonitoringPlanEntity> changeChoices(UUID planId, PlanChoices choices) {
        return plans.require(planId).call(plan -> {
            requireActive(plan, "change its choices");
            plan.choose(choices);
            return timers.schedule(plan);
        });
    }

    /**
     * Discharge after observation ({@link org.itpump.followup.domain.plan.MonitoringPlan#recordDischarge}): 409 when
     * already discharged or the plan is not ACTIVE; 422 before the observation ends, before 24 h after an opioid
     * start without an override reason, or on a day the stay does not allow. An override used is stored and
     * published in followup.patient-discharged with the clinician who gave it.
     *
     * @param overrideReason null or blank for none
     * @param clinician      who records it (from the token)
     */
    @WithTransaction
    public Uni<MonitoringPlanEntity> discharge(UUID planId, Instant dischargedAt, String overrideReason, String clinician) {
        return plans.require(planId).call(plan -> {
            requireActive(plan, "record a discharge");
            MonitoringPlan.Discharged discharged = plan.toDomain().recordDischarge(dischargedAt, clock.instant(), overrideReason);
            plan.dischargedAt = Times.utc(discharged.plan().dischargedAt().orElseThrow());
            FollowupEvents.ObservationOverride published = discharged.override().map(o -> {
                plan.dischargeOverrideReason = o.reason();
                plan.dischargeOverrideBy = clinician;
                return new FollowupEvents.ObservationOverride(o.rule(), o.reason(), clinician, o.drug(), o.requiredHours(),
                        Times.utc(o.requiredUntil()));
            }).orElse(null);
            return outbox.append(FollowupEvents.patientDischarged(plan, published));
        });
    }

    @WithSession
    public Uni<MonitoringPlanEntity> find(UUID planId) {
        return plans.require(planId);
    }

    @WithSession
    public Uni<PlanRecords> details(UUID planId) {
        return plans.require(planId).chain(plan -> records.complicationsOf(planId)
                .chain(complications -> records.escalationsOf(planId)
                        .chain(escalations -> records.outcomesOf(planId)
                                .chain(outcomes -> records.timersOf(planId)
                                        .map(planTimers -> new PlanRecords(plan, complications, escalations, outcomes, planTimers))))));
    }

    @WithSession
    public Uni<Page<MonitoringPlanEntity>> search(MonitoringPlanStatus status, UUID pathwayId, PageRequest page) {
        return plans.search(status, pathwayId, page);
    }

    /** One page of the pending milestones of every plan due in [from, to): by default the next 7 days. */
    @WithSession
    public Uni<DueMilestones> due(OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        OffsetDateTime start = from != null ? Times.utc(from) : Times.now(clock);
        OffsetDateTime end = to != null ? Times.utc(to) : start.plusDays(7);
        if (!end.isAfter(start)) {
            throw new RuleViolationException("to " + end + " must be after from " + start);
        }
        return records.pendingBetween(MilestoneTimers.KIND, start, end, page)
                .chain(due -> plans.byIds(due.items().stream().map(t -> t.subjectId).distinct().toList())
                        .map(owners -> new DueMilestones(start, end, due, owners)));
    }

    public record DueMilestones(OffsetDateTime from, OffsetDateTime to, Page<DueTimer> timers,
                                List<MonitoringPlanEntity> plans) {
    }

    private static void requireActive(MonitoringPlanEntity plan, String action) {
        if (plan.status != MonitoringPlanStatus.ACTIVE) {
            throw new StateConflictException("Cannot " + action + ": the monitoring plan is " + plan.status);
        }
    }
}
