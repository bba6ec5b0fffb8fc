package org.itpump.followup.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.escalation.Escalation;
import org.itpump.followup.domain.escalation.EscalationContext;
import org.itpump.followup.domain.escalation.EscalationRules;
import org.itpump.followup.domain.escalation.ExplantRisk;
import org.itpump.followup.messaging.FollowupEvents;
import org.itpump.followup.messaging.ImplantEventsConsumer;
import org.itpump.followup.messaging.ImplantEventsConsumer.ImplantExplanted;
import org.itpump.followup.store.ComplicationEntity;
import org.itpump.followup.store.EscalationEntity;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.store.MonitoringPlanEntity;
import org.itpump.followup.store.MonitoringPlanRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Complications as reported, escalated by the rules file with what the plan knows (the pump's drug, its MRI
 * advice); explants of a withdrawal-critical drug's pump escalated by {@link ExplantRisk}. Every escalation stays
 * open, and is re-alerted ({@link EscalationAlerts}), until a clinician acknowledges it.
 */
@Startup // a broken rules file stops the service at start, not at the first complication
@ApplicationScoped
public class ComplicationService {

    // Loaded and validated once: a broken rules file stops the service at start, not at the first report.
    private final EscalationRules rules = EscalationRules.loadDefault();
    private final MonitoringPlanRepository plans;
    private final FollowupRecords records;
    private final EscalationAlerts alerts;
    private final Outbox outbox;
    private final Clock clock;

    ComplicationService(MonitoringPlanRepository plans, FollowupRecords records, EscalationAlerts alerts, Outbox outbox,
                        Clock clock) {
        this.plans = plans;
        this.records = records;
        this.alerts = alerts;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Reported(ComplicationEntity complication, List<EscalationEntity> escalations) {
    }

    /**
     * 409 on a plan that is over (CLOSED after an explant or COMPLETED); accepted on an ACTIVE plan and on one
     * kept for wound follow-up after an explant for infection. 422 for an onset before the procedure ended or in
     * the future.
     */
    @WithTransaction
    public Uni<Reported> report(UUID planId, ComplicationKind kind, Severity severity, Instant onsetAt,
                                Set<ClinicalFeature> features) {
        return plans.require(planId).chain(plan -> {
            if (!plan.status.acceptsComplications()) {
                throw new StateConflictException("Cannot report a complication: the monitoring plan is " + plan.status);
            }
            ComplicationReport report = ComplicationReport.reported(kind, severity, onsetAt, features,
                    plan.procedureEndedAt.toInstant(), clock.instant());
            return records.latestPumpDrug(plan.pathwayId).chain(drug -> {
                EscalationContext context = new EscalationContext(drug != null ? drug.currentDrug : plan.startedDrug,
                        plan.deviceModel, plan.mriAdvice());
                OffsetDateTime now = Times.now(clock);
                ComplicationEntity complication = new ComplicationEntity();
                complication.id = UUID.randomUUID();
                complication.planId = plan.id;
                complication.kind = report.kind();
                complication.severity = report.severity();
                complication.onsetAt = Times.utc(report.onsetAt());
                complication.features = report.features();
                complication.reportedAt = now;
                List<EscalationEntity> escalations = new ArrayList<>();
                for (Escalation escalation : rules.evaluate(report, context)) {
                    escalations.add(escalation(plan.id, complication.id, EscalationEntity.CAUSE_COMPLICATION, escalation, now));
                }
                return complication.persist()
                        .chain(() -> persistAndAlert(escalations))
                        .chain(() -> outbox.append(FollowupEvents.complicationReported(plan, complication, escalations.size())))
                        .chain(() -> outbox.appendAll(escalations.stream()
                                .map(e -> FollowupEvents.complicationEscalated(plan, e)).toList()))
                        .replaceWith(new Reported(complication, escalations));
            });
        });
    }

    /**
     * The explant of a withdrawal-critical drug's pump raises an URGENT escalation at once, whatever the plan's
     * state and the explant's reason; one per plan (a re-published explant raises no second one). Its action names
     * the withdrawal plan recorded with the explant, if any; a pump replaced in the same surgery raises nothing
     * ({@link ExplantRisk}). Runs in the caller's transaction.
     */
    Uni<Void> escalateExplant(MonitoringPlanEntity plan, String pumpDrug, ImplantExplanted explant) {
        String explantReason = explant.reason();
        ImplantEventsConsumer.WithdrawalPlan recorded = explant.withdrawalPlan();
        var escalation = ExplantRisk.onExplant(pumpDrug, explant.replaced(), recorded == null ? null
                : new ExplantRisk.WithdrawalPlan(recorded.kind(), recorded.startedOn(), recorded.detail()));
        if (escalation.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return records.explantEscalationsOf(plan.id).chain(existing -> {
            if (!existing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            EscalationEntity entity = escalation(plan.id, null, EscalationEntity.CAUSE_EXPLANT, escalation.get(), Times.now(clock));
            return persistAndAlert(List.of(entity))
                    .chain(() -> outbox.append(FollowupEvents.explantEscalated(plan, entity, pumpDrug, explantReason)));
        });
    }

    /**
     * The clinician (from the caller's token) takes the escalation on: re-alerts stop, followup.escalation-acknowledged
     * is published. 409 when it was already acknowledged: the first acknowledgement is the one on record.
     */
    @WithTransaction
    public Uni<EscalationEntity> acknowledge(UUID escalationId, String acknowledgedBy) {
        return records.requireEscalation(escalationId).call(escalation -> {
            if (!escalation.isOpen()) {
                throw new StateConflictException("Escalation " + escalationId + " was already acknowledged at "
                        + escalation.acknowledgedAt + " by " + escalation.acknowledgedBy);
            }
            escalation.acknowledgedAt = Times.now(clock);
            escalation.acknowledgedBy = acknowledgedBy;
            return alerts.stop(escalationId).chain(() -> plans.findById(escalation.planId))
                    .chain(plan -> outbox.append(FollowupEvents.escalationAcknowledged(plan, escalation)));
        });
    }

    public record EscalationWithPlan(EscalationEntity escalation, MonitoringPlanEntity plan) {
    }

    @WithSession
    public Uni<EscalationWithPlan> escalation(UUID escalationId) {
        return records.requireEscalation(escalationId)
                .chain(e -> plans.findById(e.planId).map(plan -> new EscalationWithPlan(e, plan)));
    }

    /** Most urgent first, then oldest first. */
    @WithSession
    public Uni<Page<EscalationWithPlan>> escalations(Boolean open, PageRequest page) {
        return records.escalations(open, page).chain(found -> plans.byIds(found.items().stream().map(e -> e.planId).distinct().toList())
                .map(owners -> found.map(e -> new EscalationWithPlan(e,
                        owners.stream().filter(p -> p.id.equals(e.planId)).findFirst().orElseThrow()))));
    }

    private static EscalationEntity escalation(UUID planId, UUID complicationId, String cause, Escalation escalation,
                                               OffsetDateTime now) {
        EscalationEntity entity = new EscalationEntity();
        entity.id = UUID.randomUUID();
        entity.complicationId = complicationId;
        entity.planId = planId;
        entity.cause = cause;
        entity.ruleId = escalation.ruleId();
        entity.urgency = escalation.urgency();
        entity.suspicion = escalation.suspicion();
        entity.action = escalation.action();
        entity.raisedAt = now;
        entity.reAlertEveryMinutes = Math.toIntExact(escalation.reAlertEvery().toMinutes());
        entity.alertCount = 1;
        entity.lastAlertedAt = now;
        return entity;
    }

    private Uni<Void> persistAndAlert(List<EscalationEntity> escalations) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EscalationEntity escalation : escalations) {
            chain = chain.chain(() -> escalation.persist().replaceWithVoid()).chain(() -> alerts.scheduleNext(escalation));
        }
        return chain;
    }
}
