package org.itpump.dosing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.chassis.timer.DueTimerHandler;
import org.itpump.chassis.timer.DueTimers;
import org.itpump.dosing.domain.DosingEvent;
import org.itpump.dosing.store.DosingRecords;
import org.itpump.dosing.store.PumpTherapyRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns due refill timers into dosing.refill-due and dosing.refill-overdue, from the refill plan in force (which
 * keeps the drug and whether it is withdrawal-critical, so no drug library is read here). An overdue alert
 * repeats every itpump.dosing.refill-overdue-repeat-hours (12 by default) until a refill, a re-plan that moves
 * it, an acknowledgement or the end of the therapy; it is URGENT for a withdrawal-critical drug (baclofen).
 */
@ApplicationScoped
public class RefillTimers implements DueTimerHandler {

    private final PumpTherapyRepository therapies;
    private final DosingRecords records;
    private final DueTimers timers;
    private final DosingOutbox outbox;
    private final Clock clock;
    private final Duration overdueRepeat;

    RefillTimers(PumpTherapyRepository therapies, DosingRecords records, DueTimers timers, DosingOutbox outbox, Clock clock,
                 @ConfigProperty(name = "itpump.dosing.refill-overdue-repeat-hours") int overdueRepeatHours) {
        this.therapies = therapies;
        this.records = records;
        this.timers = timers;
        this.outbox = outbox;
        this.clock = clock;
        this.overdueRepeat = Duration.ofHours(overdueRepeatHours);
    }

    @Override
    public Uni<Void> onDue(DueTimer timer) {
        if (!PumpTherapyService.REFILL_OVERDUE.equals(timer.kind) && !PumpTherapyService.REFILL_DUE.equals(timer.kind)) {
            // fails, so the chassis retries it on back-off and raises dosing.refill-timer-failing: never silently dropped
            return Uni.createFrom().failure(new IllegalStateException("Unknown refill timer kind '" + timer.kind + "'"));
        }
        boolean overdue = PumpTherapyService.REFILL_OVERDUE.equals(timer.kind);
        return therapies.require(timer.subjectId).chain(therapy -> records.planInForce(therapy.id()).chain(plan -> {
            // none for a therapy no longer active, or with nothing planned: no refill to remind of
            var reminders = therapy.remindRefill(overdue, plan);
            if (reminders.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> published = outbox.append(reminders);
            return overdue ? published.chain(() -> timers.schedule(timer.kind, timer.subjectId, timer.key,
                    nextRepeat(timer.dueAt.toInstant())).replaceWithVoid()) : published;
        }));
    }

    /**
     * The timer has failed itpump.timers.alert-after-failures times in a row (the chassis retries it on back-off):
     * its patient's refill reminder is not going out, so dosing.refill-timer-failing tells staff (URGENT for a
     * withdrawal-critical drug). Reads no library; a plan that cannot be read leaves the drug out.
     */
    @Override
    public Uni<Void> onRepeatedFailure(DueTimer timer) {
        return therapies.require(timer.subjectId).chain(therapy -> records.planInForce(therapy.id())
                .onFailure().recoverWithNull()
                .chain(plan -> outbox.append(new DosingEvent.RefillTimerFailing(therapy.ref(), plan, timer.kind,
                        timer.failures, timer.lastFailure, timer.dueAt, timer.nextAttemptAt))));
    }

    /** The first instant dueAt + n x repeat (n >= 1) after now: a service that was down does not repeat in a burst. */
    Instant nextRepeat(Instant dueAt) {
        Instant now = clock.instant();
        Instant next = dueAt.plus(overdueRepeat);
        if (!next.isAfter(now)) {
            long periods = Duration.between(dueAt, now).dividedBy(overdueRepeat) + 1;
            next = dueAt.plus(overdueRepeat.multipliedBy(periods));
        }
        return next;
    }
}
