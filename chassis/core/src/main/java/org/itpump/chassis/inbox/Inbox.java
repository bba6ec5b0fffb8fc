package org.itpump.chassis.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.itpump.chassis.time.Times;

import java.time.Clock;

/**
 * Remembers which events each consumer has applied. The record is written in the same transaction as the
 * event's effect, so a redelivered event (same ce_source and ce_id) is recognised and has no second effect.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = """
            insert into inbox_event (consumer, event_source, event_id, event_type, received_at)
            values (?1, ?2, ?3, ?4, ?5)
            on conflict do nothing""";

    private final Clock clock;

    Inbox(Clock clock) {
        this.clock = clock;
    }

    /** True the first time this consumer sees the event; must run inside a Panache transaction. */
    public Uni<Boolean> firstDelivery(String consumer, InboundEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                        .setParameter(1, consumer)
                        .setParameter(2, event.source())
                        .setParameter(3, event.id())
                        .setParameter(4, event.type())
                        .setParameter(5, Times.now(clock))
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
