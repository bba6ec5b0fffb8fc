package org.itpump.chassis.events;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the contracts once per service. */
public class ContractsProducer {

    @Produces
    @Singleton
    EventContracts contracts() {
        return EventContracts.load();
    }
}
