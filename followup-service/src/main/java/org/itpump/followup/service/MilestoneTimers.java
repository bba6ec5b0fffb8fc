package org.itpump.followup.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.chassis.timer.DueTimerHandler;
import org.itpump.chassis.timer.DueTimers;
import org.itpump.followup.domain.plan.Milestone;
import org.itpump.followup.domain.plan.MilestoneKind;
import org.itpump.followup.domain.plan.PostImplantMonitoring;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.store.MonitoringPlanRepository;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One durable timer per plan milestone (key = {@link Milestone#key()}, subject = the plan), and what happens
 * when one falls due: visits and restriction ends are announced, the window's end completes the plan.
 */
@ApplicationScoped
public class MilestoneTimers implements DueTimerHandler {

    public static final String KIND = "followup.milestone";
    private static final Logger LOG = Logger.getLogger(MilestoneTimers.class);

    private final DueTimers timers;
    private final MonitoringPlanRepository plans;
    private final FollowupRecords records;
    private final FollowupOutbox outbox;
    private final EscalationAlerts alerts;

    MilestoneTimers(DueTimers timers, MonitoringPlanRepository plans, FollowupRecords records, FollowupOutbox outbox,
                    EscalationAlerts alerts) {
        this.timers = timers;
        this.plans = plans;
        this.records = records;
        this.outbox = outbox;
        this.alerts = alerts;
    }

    /**
     * Sets every milestone's timer from the plan's current choices, inside the caller's transaction. A milestone
     * already fired stays as it was: its event is out and is not announced twice.
     */
    Uni<Void> schedule(PostImplantMonitoring plan) {
        return records.timersOf(plan.id()).chain(existing -> {
            Set<String> fired = existing.stream().filter(t -> t.firedAt != null).map(t -> t.key).collect(Collectors.toSet());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Milestone milestone : plan.schedule().milestones()) {
                if (!fired.contains(milestone.key())) {
                    chain = chain.chain(() -> timers.schedule(KIND, plan.id(), milestone.key(), milestone.at()).replaceWithVoid());
                }
            }
            return chain;
        });
    }

    Uni<Integer> cancelAll(UUID planId) {
        return timers.cancelAll(planId);
    }

    /** The service's one timer handler: milestones here, escalation re-alerts in {@link EscalationAlerts}. */
    @Override
    public Uni<Void> onDue(DueTimer timer) {
        if (EscalationAlerts.KIND.equals(timer.kind)) {
            return alerts.onDue(timer);
        }
        if (!KIND.equals(timer.kind)) {
            LOG.warnf("Timer %s of unknown kind %s ignored", timer.id, timer.kind);
            return Uni.createFrom().voidItem();
        }
        return plans.find(timer.subjectId).chain(plan -> {
            if (plan == null) {
                return Uni.createFrom().voidItem();
            }
            // A closed plan's timers are cancelled; one racing the close is dropped by the act.
            String[] key = timer.key.split(":", 2);
            var events = plan.milestoneDue(MilestoneKind.valueOf(key[0]), key.length > 1 ? key[1] : null, timer.dueAt);
            return events.isEmpty() ? Uni.createFrom().voidItem()
                    : plans.update(plan).chain(() -> outbox.append(events));
        });
    }
}
