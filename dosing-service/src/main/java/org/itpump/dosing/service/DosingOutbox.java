package org.itpump.dosing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.dosing.domain.DosingEvent;

import java.util.List;

/** Appends the events an act returned to the outbox, in order, in the caller's transaction. */
@ApplicationScoped
public class DosingOutbox {

    private final Outbox outbox;
    private final DosingContracts contracts;

    DosingOutbox(Outbox outbox, DosingContracts contracts) {
        this.outbox = outbox;
        this.contracts = contracts;
    }

    public Uni<Void> append(List<DosingEvent> events) {
        return outbox.appendAll(events.stream().map(contracts::toContract).toList());
    }

    public Uni<Void> append(DosingEvent event) {
        return outbox.append(contracts.toContract(event));
    }
}
