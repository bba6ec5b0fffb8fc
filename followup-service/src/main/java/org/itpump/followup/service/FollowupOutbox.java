package org.itpump.followup.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.followup.domain.FollowupEvent;

import java.util.List;

/** Appends the events an act returned to the outbox, in order, in the caller's transaction. */
@ApplicationScoped
public class FollowupOutbox {

    private final Outbox outbox;
    private final FollowupContracts contracts;

    FollowupOutbox(Outbox outbox, FollowupContracts contracts) {
        this.outbox = outbox;
        this.contracts = contracts;
    }

    /** The contracts are built now, from the events as the act left them. */
    public Uni<Void> append(List<FollowupEvent> events) {
        return outbox.appendAll(events.stream().map(contracts::toContract).toList());
    }
}
