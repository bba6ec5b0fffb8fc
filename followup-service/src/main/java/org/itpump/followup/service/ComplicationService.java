package org.itpump.followup.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.escalation.Escalation;
import org.itpump.followup.domain.escalation.EscalationRules;
import org.itpump.followup.messaging.FollowupEvents;
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

/** Complications as reported, escalated by the rules file; escalations stay open until acknowledged. */
@Startup // a broken rules file stops the service at start, not at the first complication
@ApplicationScoped
public class ComplicationService {

    // Loaded and validated once: a broken rules file stops the service at start, not at the first report.
    private final EscalationRules rules = EscalationRules.loadDefault();
    private final MonitoringPlanRepository plans;
    private final FollowupRecords records;
    private final Outbox outbox;
    private final Clock clock;

    ComplicationService(MonitoringPlanRepository plans, FollowupRecords records, Outbox outbox, Clock clock) {
        this.plans = plans;
        this.records = records;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Reported(ComplicationEntity complication, List<EscalationEntity> escalations) {
    }

    /** 409 on a closed plan (the pump is out), 422 for an onset before the implant or in the future. */
    @WithTransaction
    public Uni<Reported> report(UUID planId, ComplicationKind kind, Severity severity, Instant onsetAt,
                                Set<ClinicalFeature> features) {
        return plans.require(planId).chain(plan -> {
            if (plan.status == MonitoringPlanStatus.CLOSED) {
                throw new StateConflictException("Cannot report a complication: the monitoring plan is CLOSED");
            }
            ComplicationReport report = ComplicationReport.reported(kind, severity, onsetAt, features,
                    plan.implantCompletedAt.toInstant(), clock.instant());
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
            for (Escalation escalation : rules.evaluate(report)) {
                escalations.add(escalation(complication, escalation, now));
            }
            return complication.persist()
                    .chain(() -> persistAll(escalations))
                    .chain(() -> outbox.append(FollowupEvents.complicationReported(plan, complication, escalations.size())))
                    .chain(() -> outbox.appendAll(escalations.stream()
                            .map(e -> FollowupEvents.complicationEscalated(plan, e)).toList()))
                    .replaceWith(new Reported(complication, escalations));
        });
    }

    /** 409 when it was already acknowledged: the first acknowledgement is the one on record. */
    @WithTransaction
    public Uni<EscalationEntity> acknowledge(UUID escalationId, String acknowledgedBy) {
        return records.requireEscalation(escalationId).invoke(escalation -> {
            if (!escalation.isOpen()) {
                throw new StateConflictException("Escalation " + escalationId + " was already acknowledged at "
                        + escalation.acknowledgedAt + " by " + escalation.acknowledgedBy);
            }
            escalation.acknowledgedAt = Times.now(clock);
            escalation.acknowledgedBy = acknowledgedBy;
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

    private static EscalationEntity escalation(ComplicationEntity complication, Escalation escalation, OffsetDateTime now) {
        EscalationEntity entity = new EscalationEntity();
        entity.id = UUID.randomUUID();
        entity.complicationId = complication.id;
        entity.planId = complication.planId;
        entity.ruleId = escalation.ruleId();
        entity.urgency = escalation.urgency();
        entity.suspicion = escalation.suspicion();
        entity.action = escalation.action();
        entity.raisedAt = now;
        return entity;
    }

    private static Uni<Void> persistAll(List<EscalationEntity> escalations) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EscalationEntity escalation : escalations) {
            chain = chain.chain(() -> escalation.persist().replaceWithVoid());
        }
        return chain;
    }
}
