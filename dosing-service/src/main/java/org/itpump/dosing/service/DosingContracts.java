package org.itpump.dosing.service;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.dosing.domain.DosingEvent;

/**
 * Turns a domain event into the contract payload it is published as. Implemented in messaging/ (the adapter that
 * knows the contracts), so use cases append events without knowing their shape or topic.
 */
public interface DosingContracts {

    OutgoingEvent toContract(DosingEvent event);
}
