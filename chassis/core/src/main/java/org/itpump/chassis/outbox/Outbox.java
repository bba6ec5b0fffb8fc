package org.itpump.chassis.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.audit.AuditScope;
import org.itpump.chassis.events.EventContracts;
import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.chassis.time.Times;
import org.itpump.chassis.tracing.PathwayTraces;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Appends events to the service's outbox table in the caller's current transaction, so that a state change
 * and the events it causes commit together. The {@link OutboxRelay} publishes them after commit.
 */
@ApplicationScoped
public class Outbox {

    // The payload travels as text and PostgreSQL parses it: bound straight to jsonb, the reactive client
    // would store the whole document as one JSON string. A pathway event goes out in the pathway's trace
    // (PathwayTraces) when there is one, else in the current one.
    private static final String INSERT = """
            insert into outbox_event (id, topic, type, subject, occurred_at, payload, traceparent)
            values (?1, ?2, ?3, ?4, ?5, cast(cast(?6 as text) as jsonb),
                    coalesce((select traceparent from pathway_trace where pathway_id = ?4), cast(?7 as text)))""";

    private static final String INSERT_SQL_CLIENT = """
            insert into outbox_event (id, topic, type, subject, occurred_at, payload, traceparent)
            values ($1, $2, $3, $4, $5, cast(cast($6 as text) as jsonb), $7)""";

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
        Row row;
        try {
            row = row(event);
        } catch (IllegalStateException broken) {
            return Uni.createFrom().failure(broken);
        }
        AuditScope.patientsOf(event.payload()); // the patients a change names in its events are in its audit row
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, row.id())
                        .setParameter(2, row.topic())
                        .setParameter(3, row.type())
                        .setParameter(4, row.subject())
                        .setParameter(5, row.occurredAt())
                        .setParameter(6, row.payload())
                        .setParameter(7, row.traceparent())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The same, in a transaction of the reactive SQL client (for plumbing outside Hibernate, e.g. the audit
     * trail), always in the current trace: an audit record belongs to the request it records.
     */
    public Uni<Void> append(SqlConnection connection, OutgoingEvent event) {
        Row row;
        try {
            row = prepare(event);
        } catch (IllegalStateException broken) {
            return Uni.createFrom().failure(broken);
        }
        return appendAll(connection, List.of(row));
    }

    /**
     * The event's outbox row, checked against its contract and stamped with the current trace now (a group commit
     * writes it later, on another request's connection). A broken event is refused with IllegalStateException.
     */
    public Row prepare(OutgoingEvent event) {
        return row(event);
    }

    /**
     * Appends prepared rows in list order in the SQL client's transaction, as one batch (one round trip, the rows'
     * order kept: the relay publishes them in this order).
     */
    public Uni<Void> appendAll(SqlConnection connection, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = rows.stream().map(row -> Tuple.tuple().addValue(row.id()).addValue(row.topic())
                .addValue(row.type()).addValue(row.subject()).addValue(row.occurredAt()).addValue(row.payload())
                .addValue(row.traceparent())).toList();
        return connection.preparedQuery(INSERT_SQL_CLIENT).executeBatch(batch).replaceWithVoid();
    }

    /** One outbox row, the same whichever client writes it (see {@link #prepare}). */
    public record Row(UUID id, String topic, String type, String subject, OffsetDateTime occurredAt, String payload,
                      String traceparent) {
    }

    /** The event's row, its payload checked against its contract (a broken one is refused: IllegalStateException). */
    private Row row(OutgoingEvent event) {
        JsonNode payload = checked(event);
        return new Row(UUID.randomUUID(), contracts.topicOf(event.type()), event.type(), event.pathwayId().toString(),
                Times.now(clock), payload.toString(), PathwayTraces.currentTraceparent());
    }

    /** A producer breaking its own contract is a bug: refuse it here rather than poison every consumer. */
    private JsonNode checked(OutgoingEvent event) {
        JsonNode payload = mapper.valueToTree(event.payload());
        List<String> violations = contracts.violations(event.type(), payload);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Event " + event.type() + " breaks its contract: " + violations);
        }
        return payload;
    }

    /** Appends the events in list order (so in position order: the relay publishes them in this order). */
    public Uni<Void> appendAll(List<OutgoingEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutgoingEvent event : events) {
            chain = chain.chain(() -> append(event));
        }
        return chain;
    }
}
