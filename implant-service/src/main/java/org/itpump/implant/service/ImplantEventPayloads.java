package org.itpump.implant.service;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.implant.domain.ImplantEvent;

/**
 * Turns an implant case's domain event into the event published under its contract
 * (contracts/schemas/implant.*.json). The use cases append what it returns to the outbox; messaging/ implements it,
 * so the use cases know no payload and service/ depends on no adapter.
 */
public interface ImplantEventPayloads {

    /** The CloudEvents type, pathway and contract payload of {@code event}. */
    OutgoingEvent outgoing(ImplantEvent event);
}
