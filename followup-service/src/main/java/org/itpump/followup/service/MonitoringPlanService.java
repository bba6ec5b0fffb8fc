package org.itpump.followup.service;

import org.itpump.chassis.time.Times;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.inbox.AwaitingStateException;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.plan.PlanChoices;
import org.itpump.followup.domain.plan.PostImplantMonitoring;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.store.MonitoringPlanRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The plan's lifecycle: opened by the implant, adjusted and discharged by clinicians, closed by an explant. Each use
 * case loads the {@link PostImplantMonitoring}, calls its act, stores it and appends the events it returned.
 */
@ApplicationScoped
public class MonitoringPlanService {

    /**
     * What followup-service reads of implant.completed: the plan's dates count from procedureEndedAt (the surgery's
     * end), falling back to completedAt only for a producer that does not send it; the device gives the MRI advice.
     */
    public record ImplantCompleted(UUID pathwayId, String patientRef, UUID caseId, int baselineNrs,
                                   OffsetDateTime completedAt, OffsetDateTime procedureEndedAt, Device device) {

        public OffsetDateTime planStartsAt() {
            return procedureEndedAt != null ? procedureEndedAt : completedAt;
        }
    }

    /** The implanted pump. */
    public record Device(String manufacturer, String model) {
    }

    /**
     * What followup-service reads of implant.explanted. replacedByCaseId: the pump came out in its replacement's
     * surgery (the drug goes on in the new pump); withdrawalPlan: the taper or oral bridge recorded with a planned
     * explant. Both absent from producers before issue 13. The reason is read as text (e.g. BATTERY_END_OF_LIFE).
     */
    public record ImplantExplanted(UUID pathwayId, UUID caseId, String reason, OffsetDateTime explantedAt,
                                   UUID replacedByCaseId, WithdrawalPlan withdrawalPlan) {

        public boolean replaced() {
            return replacedByCaseId != null;
        }
    }

    /** The withdrawal plan of implant.explanted; kind read as text. */
    public record WithdrawalPlan(String kind, LocalDate startedOn, String detail) {
    }

    private final MonitoringPlanRepository plans;
    private final FollowupRecords records;
    private final MilestoneTimers timers;
    private final FollowupOutbox outbox;
    private final ComplicationService escalations;
    private final Clock clock;
    private final ZoneId hospitalZone;

    MonitoringPlanService(MonitoringPlanRepository plans, FollowupRecords records, MilestoneTimers timers,
                          FollowupOutbox outbox, ComplicationService escalations, Clock clock,
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
    public Uni<PostImplantMonitoring> startForImplant(ImplantCompleted implant) {
        return plans.byImplantCase(implant.caseId()).onItem().ifNull().switchTo(() -> records.latestPumpDrug(implant.pathwayId()).chain(drug -> {
            PostImplantMonitoring plan = PostImplantMonitoring.start(implant.pathwayId(), implant.patientRef(),
                    implant.caseId(), implant.baselineNrs(), implant.completedAt(), implant.planStartsAt(), hospitalZone,
                    drug == null ? null : drug.firstDrug,
                    implant.device() == null ? null : implant.device().manufacturer(),
                    implant.device() == null ? null : implant.device().model(), clock.instant());
            return plans.add(plan)
                    .chain(() -> timers.schedule(plan))
                    .chain(() -> outbox.append(plan.started()))
                    .replaceWith(plan);
        }));
    }

    /**
     * The pump is out ({@link PostImplantMonitoring#explant}): a plan kept for wound follow-up keeps its wound
     * timers, a closed one loses them all. Whatever the plan's state, the explant of a withdrawal-critical drug's
     * pump (baclofen, learnt from dosing events) raises an URGENT escalation, naming the recorded withdrawal plan
     * if any; not when the pump was replaced in the same surgery ({@link
     * org.itpump.followup.domain.escalation.ExplantRisk}).
     */
    public Uni<Void> closeForExplant(ImplantExplanted explant) {
        return plans.byImplantCase(explant.caseId()).chain(plan -> {
            if (plan == null) {
                throw new AwaitingStateException("no monitoring plan for implant case " + explant.caseId()
                        + " yet (implant.completed not applied)");
            }
            var explanted = plan.explant(explant.reason(), explant.replacedByCaseId(), explant.explantedAt(),
                    clock.instant());
            return plans.update(plan)
                    .chain(() -> explanted.became() == MonitoringPlanStatus.WOUND_FOLLOWUP
                            ? records.cancelTimersExcept(plan.id(), explanted.keepTimers(), Times.now(clock)).replaceWithVoid()
                            : explanted.became() == MonitoringPlanStatus.CLOSED ? timers.cancelAll(plan.id()).replaceWithVoid()
                            : Uni.createFrom().voidItem())
                    .chain(() -> outbox.append(explanted.events()))
                    .chain(() -> records.latestPumpDrug(plan.pathwayId()))
                    .chain(drug -> escalations.escalateExplant(plan, drug != null ? drug.currentDrug : plan.startedDrug(),
                            explant));
        });
    }

    /** New choices re-derive every date; the pending timers move with them. 422 outside the allowed ranges. */
    @WithTransaction
    public Uni<PostImplantMonitoring> changeChoices(UUID planId, PlanChoices choices) {
        return plans.require(planId).call(plan -> {
            plan.changeChoices(choices);
            return plans.update(plan).chain(() -> timers.schedule(plan));
        });
    }

    /**
     * Discharge after observation ({@link PostImplantMonitoring#discharge}): 409 when already discharged or the plan
     * is not ACTIVE; 422 before the observation ends, before 24 h after an opioid start without an override reason,
     * or on a day the stay does not allow. An override used is stored and published in followup.patient-discharged
     * with the clinician who gave it.
     *
     * @param overrideReason null or blank for none
     * @param clinician      who records it (from the token)
     */
    @WithTransaction
    public Uni<PostImplantMonitoring> discharge(UUID planId, Instant dischargedAt, String overrideReason, String clinician) {
        return plans.require(planId).call(plan -> {
            var events = plan.discharge(dischargedAt, clock.instant(), overrideReason, clinician);
            return plans.update(plan).chain(() -> outbox.append(events));
        });
    }

    @WithSession
    public Uni<PostImplantMonitoring> find(UUID planId) {
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
    public Uni<Page<PostImplantMonitoring>> search(MonitoringPlanStatus status, UUID pathwayId, PageRequest page) {
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
                                List<PostImplantMonitoring> plans) {
    }
}
