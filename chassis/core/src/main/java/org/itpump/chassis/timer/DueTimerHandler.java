package org.itpump.chassis.timer;

import io.smallrye.mutiny.Uni;

/**
 * What a service does when one of its timers falls due. Runs in the transaction that marks the timer fired,
 * so its state changes and outbox events commit with that mark, or not at all (and it fires again later).
 */
public interface DueTimerHandler {
    Uni<Void> onDue(DueTimer timer);

    /**
     * The timer has failed {@code itpump.timers.alert-after-failures} times in a row (timer.failures, the last
     * failure in timer.lastFailure): raise the service's alert, e.g. append an alert event to the outbox. Called
     * once per run of failures, in a transaction of its own (not the failed one); if it fails itself it is asked
     * again after the next failure. By default nothing beyond the chassis' ERROR log and metrics.
     */
    default Uni<Void> onRepeatedFailure(DueTimer timer) {
        return Uni.createFrom().voidItem();
    }
}
