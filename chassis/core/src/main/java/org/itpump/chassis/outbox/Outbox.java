package org.itpump.chassis.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.events.EventContracts;
import org.itpump.chassis.events.OutgoingEvent;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Appends events to the service's outbox table in the caller's current transaction, so that a state change
 * and the events it causes commit together. The {@link OutboxRelay} publishes them after commit.
 */
@ApplicationScoped
public class Outbox {

    // The payload travels as text and PostgreSQL parses it: bound straight to jsonb, the reactive client
    // would store the whole document as one JSON string.
    private static final String INSERT = """
            insert into outbox_event (id, topic, type, subject, occurred_at, payload)
            values (?1, ?2, ?3, ?4, ?5, cast(cast(?6 as text) as jsonb))""";

    private final EventContracts contracts;
    private final ObjectMapper mapper;
    private final Clock clock;

    Outbox(EventContracts contracts, ObjectMapper mapper, Clock clock) {
        this.contracts = contracts;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Must run inside a Panache transaction ({@code @WithTransaction} or {@code Panache.withTransaction}). */
    public Uni<Void> append(OutgoingEvent event) {
        JsonNode payload = mapper.valueToTree(event.payload());
        // A producer breaking its own contract is a bug: refuse it here rather than poison every consumer.
        List<String> violations = contracts.violations(event.type(), payload);
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "Event " + event.type() + " breaks its contract: " + violations));
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, contracts.topicOf(event.type()))
                        .setParameter(3, event.type())
                        .setParameter(4, event.pathwayId().toString())
                        .setParameter(5, now)
                        .setParameter(6, payload.toString())
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> appendAll(List<OutgoingEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutgoingEvent event : events) {
            chain = chain.chain(() -> append(event));
        }
        return chain;
    }
}
