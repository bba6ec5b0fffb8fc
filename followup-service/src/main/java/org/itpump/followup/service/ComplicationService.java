package org.itpump.followup.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.RecordedComplication;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.escalation.EscalationRules;
import org.itpump.followup.domain.escalation.ExplantRisk;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.plan.PostImplantMonitoring;
import org.itpump.followup.service.MonitoringPlanService.ImplantExplanted;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.store.MonitoringPlanRepository;

import java.time.Clock;
import java.time.Instant;
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
    private final FollowupOutbox outbox;
    private final Clock clock;

    ComplicationService(MonitoringPlanRepository plans, FollowupRecords records, EscalationAlerts alerts,
                        FollowupOutbox outbox, Clock clock) {
        this.plans = plans;
        this.records = records;
        this.alerts = alerts;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Reported(RecordedComplication complication, List<RaisedEscalation> escalations) {
    }

    /**
     * {@link PostImplantMonitoring#reportComplication}: 409 on a plan that is over (CLOSED after an explant or
     * COMPLETED); accepted on an ACTIVE plan and on one kept for wound follow-up after an explant for infection.
     * 422 for an onset before the procedure ended or in the future.
     */
    @WithTransaction
    public Uni<Reported> report(UUID planId, ComplicationKind kind, Severity severity, Instant onsetAt,
                                Set<ClinicalFeature> features) {
        return plans.require(planId).chain(plan -> {
            plan.requireAcceptsComplications();
            return records.latestPumpDrug(plan.pathwayId()).chain(drug -> {
                var reported = plan.reportComplication(kind, severity, onsetAt, features, rules,
                        drug != null ? drug.currentDrug : null, clock.instant());
                return records.add(reported.complication())
                        .chain(() -> addAndAlert(reported.escalations()))
                        .chain(() -> outbox.append(reported.events()))
                        .replaceWith(new Reported(reported.complication(), reported.escalations()));
            });
        });
    }

    /**
     * The explant of a withdrawal-critical drug's pump raises an URGENT escalation at once, whatever the plan's
     * state and the explant's reason; one per plan (a re-published explant raises no second one). Its action names
     * the withdrawal plan recorded with the explant, if any; a pump replaced in the same surgery raises nothing
     * ({@link ExplantRisk}). Runs in the caller's transaction.
     */
    Uni<Void> escalateExplant(PostImplantMonitoring plan, String pumpDrug, ImplantExplanted explant) {
        MonitoringPlanService.WithdrawalPlan recorded = explant.withdrawalPlan();
        ExplantRisk.WithdrawalPlan withdrawal = recorded == null ? null
                : new ExplantRisk.WithdrawalPlan(recorded.kind(), recorded.startedOn(), recorded.detail());
        if (ExplantRisk.onExplant(pumpDrug, explant.replaced(), withdrawal).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return records.explantEscalationsOf(plan.id()).chain(existing -> plan.escalateExplant(pumpDrug,
                        explant.replaced(), withdrawal, !existing.isEmpty(), explant.reason(), clock.instant())
                .map(raised -> addAndAlert(List.of(raised.escalation())).chain(() -> outbox.append(raised.events())))
                .orElse(Uni.createFrom().voidItem()));
    }

    /**
     * The clinician (from the caller's token) takes the escalation on: re-alerts stop, followup.escalation-acknowledged
     * is published. 409 when it was already acknowledged: the first acknowledgement is the one on record.
     */
    @WithTransaction
    public Uni<RaisedEscalation> acknowledge(UUID escalationId, String acknowledgedBy) {
        return records.requireEscalation(escalationId).call(escalation -> plans.find(escalation.planId()).chain(plan -> {
            var events = escalation.acknowledge(acknowledgedBy, clock.instant(), plan.ref());
            return records.update(escalation).chain(() -> alerts.stop(escalationId))
                    .chain(() -> outbox.append(events));
        }));
    }

    public record EscalationWithPlan(RaisedEscalation escalation, PostImplantMonitoring plan) {
    }

    @WithSession
    public Uni<EscalationWithPlan> escalation(UUID escalationId) {
        return records.requireEscalation(escalationId)
                .chain(e -> plans.find(e.planId()).map(plan -> new EscalationWithPlan(e, plan)));
    }

    /** Most urgent first, then oldest first. */
    @WithSession
    public Uni<Page<EscalationWithPlan>> escalations(Boolean open, PageRequest page) {
        return records.escalations(open, page).chain(found -> plans.byIds(found.items().stream().map(RaisedEscalation::planId).distinct().toList())
                .map(owners -> found.map(e -> new EscalationWithPlan(e,
                        owners.stream().filter(p -> p.id().equals(e.planId())).findFirst().orElseThrow()))));
    }

    private Uni<Void> addAndAlert(List<RaisedEscalation> escalations) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RaisedEscalation escalation : escalations) {
            chain = chain.chain(() -> records.add(escalation)).chain(() -> alerts.scheduleNext(escalation));
        }
        return chain;
    }
}
