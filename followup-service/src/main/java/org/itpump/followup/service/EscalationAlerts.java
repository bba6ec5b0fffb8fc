package org.itpump.followup.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.chassis.timer.DueTimers;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.store.MonitoringPlanRepository;

import java.time.Clock;
import java.util.UUID;

/**
 * Re-alerting: every open escalation has one pending durable timer (subject = the escalation, key
 * {@code REALERT:<n>} for its n-th alert). When it falls due and nobody has acknowledged the escalation,
 * followup.escalation-realerted is published and the next one is set one interval after now (a service that was
 * down alerts once on restart, not once per missed interval). Acknowledging cancels the pending timer.
 */
@ApplicationScoped
public class EscalationAlerts {

    public static final String KIND = "followup.escalation-realert";

    private final DueTimers timers;
    private final MonitoringPlanRepository plans;
    private final FollowupRecords records;
    private final FollowupOutbox outbox;
    private final Clock clock;

    EscalationAlerts(DueTimers timers, MonitoringPlanRepository plans, FollowupRecords records, FollowupOutbox outbox,
                     Clock clock) {
        this.timers = timers;
        this.plans = plans;
        this.records = records;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Sets the next alert of an open escalation, one interval after its last alert; in the caller's transaction. */
    Uni<Void> scheduleNext(RaisedEscalation escalation) {
        return timers.schedule(KIND, escalation.id(), "REALERT:" + escalation.nextAlertNumber(),
                escalation.nextAlertAt()).replaceWithVoid();
    }

    Uni<Integer> stop(UUID escalationId) {
        return timers.cancelAll(escalationId);
    }

    Uni<Void> onDue(DueTimer timer) {
        return records.escalation(timer.subjectId).chain(escalation -> {
            if (escalation == null || !escalation.isOpen()) {
                return Uni.createFrom().voidItem();
            }
            return plans.find(escalation.planId()).chain(plan -> {
                var events = escalation.reAlert(clock.instant(), plan.ref());
                return records.update(escalation).chain(() -> outbox.append(events));
            }).chain(() -> scheduleNext(escalation));
        });
    }
}
