package org.itpump.chassis.inbox;

/**
 * An event that arrived before the state it acts on (e.g. {@code implant.explanted} for a pump therapy that
 * {@code implant.completed} has not opened yet). It is held, and retried with back-off, not applied to
 * nothing; after {@code itpump.inbox.hold-for} (default 5 min; its partition waits meanwhile) it is dead-lettered with this reason, to be
 * redriven once the missing event is there.
 */
public class AwaitingStateException extends RuntimeException {
    public AwaitingStateException(String missing) {
        super(missing);
    }
}
