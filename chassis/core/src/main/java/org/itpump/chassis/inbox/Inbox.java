package org.itpump.chassis.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.itpump.chassis.time.Times;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    private static final String RECORD_ALL_HEAD = """
            insert into inbox_event (consumer, event_source, event_id, event_type, received_at)
            values """;
    private static final String RECORD_ALL_TAIL = """

            on conflict do nothing
            returning event_source || chr(31) || event_id""";

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

    /**
     * {@link #firstDelivery} for a batch's events in one statement (a multi-row insert returning what it inserted):
     * element i is true when events[i] is this consumer's first delivery of that event. An event twice in the list
     * is a first delivery at its first place only. Must run inside a Panache transaction.
     */
    public Uni<List<Boolean>> firstDeliveries(String consumer, List<InboundEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder sql = new StringBuilder(RECORD_ALL_HEAD);
        for (int i = 0; i < events.size(); i++) {
            int p = i * 4;
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(p + 2).append(", ?").append(p + 3).append(", ?")
                    .append(p + 4).append(", ?").append(p + 5).append(")");
        }
        sql.append(RECORD_ALL_TAIL);
        var now = Times.now(clock);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), String.class).setParameter(1, consumer);
            for (int i = 0; i < events.size(); i++) {
                InboundEvent event = events.get(i);
                int p = i * 4;
                query.setParameter(p + 2, event.source()).setParameter(p + 3, event.id())
                        .setParameter(p + 4, event.type()).setParameter(p + 5, now);
            }
            return query.getResultList();
        }).map(inserted -> {
            Set<String> fresh = new HashSet<>(inserted);
            List<Boolean> first = new ArrayList<>(events.size());
            for (InboundEvent event : events) {
                first.add(fresh.remove(event.source() + '\u001f' + event.id())); // true once per inserted key
            }
            return first;
        });
    }
}
