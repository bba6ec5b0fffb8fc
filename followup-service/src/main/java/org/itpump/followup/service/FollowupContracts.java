package org.itpump.followup.service;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.followup.domain.FollowupEvent;

/**
 * Turns a domain event into the contract payload it is published as. Implemented in messaging/ (the adapter that
 * knows the contracts), so use cases append events without knowing their shape or topic.
 */
public interface FollowupContracts {

    OutgoingEvent toContract(FollowupEvent event);
}
