package org.itpump.trial.service;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.trial.domain.TrialEvent;

/**
 * Turns a trial's domain event into the event published under its contract (contracts/schemas/trial.*.json). The
 * use cases append what it returns to the outbox; messaging/ implements it, so the use cases know no payload and
 * service/ depends on no adapter.
 */
public interface TrialEventPayloads {

    /** The CloudEvents type, pathway and contract payload of {@code event}. */
    OutgoingEvent outgoing(TrialEvent event);
}
