package org.itpump.chassis.timer;

import io.smallrye.mutiny.Uni;

/**
 * What a service does when one of its timers falls due. Runs in the transaction that marks the timer fired,
 * so its state changes and outbox events commit with that mark, or not at all (and it fires again later).
 */
public interface DueTimerHandler {
    Uni<Void> onDue(DueTimer timer);
}
