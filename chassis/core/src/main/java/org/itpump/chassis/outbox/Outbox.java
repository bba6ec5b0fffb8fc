package org.itpump.chassis.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.audit.AuditScope;
import org.itpump.chassis.events.EventContracts;
import org.itpump.chassis.events.OutgoingEvent;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        JsonNode payload;
        try {
            payload = checked(event);
        } catch (IllegalStateException broken) {
            return Uni.createFrom().failure(broken);
        }
        AuditScope.patientsOf(event.payload()); // the patients a change names in its events are in its audit row
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String traceparent = currentTraceparent();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, contracts.topicOf(event.type()))
                        .setParameter(3, event.type())
                        .setParameter(4, event.pathwayId().toString())
                        .setParameter(5, now)
                        .setParameter(6, payload.toString())
                        .setParameter(7, traceparent)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The same, in a transaction of the reactive SQL client (for plumbing outside Hibernate, e.g. the audit
     * trail), always in the current trace: an audit record belongs to the request it records.
     */
    public Uni<Void> append(SqlConnection connection, OutgoingEvent event) {
        JsonNode payload;
        try {
            payload = checked(event);
        } catch (IllegalStateException broken) {
            return Uni.createFrom().failure(broken);
        }
        return connection.preparedQuery(INSERT_SQL_CLIENT).execute(Tuple.tuple().addValue(UUID.randomUUID())
                        .addValue(contracts.topicOf(event.type())).addValue(event.type())
                        .addValue(event.pathwayId().toString())
                        .addValue(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                        .addValue(payload.toString()).addValue(currentTraceparent()))
                .replaceWithVoid();
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

    /**
     * The W3C traceparent of the span current here (the REST request, or the consumed record, whose
     * transaction this is), or null outside any trace. The relay publishes the row as part of this trace.
     */
    static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    public Uni<Void> appendAll(List<OutgoingEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutgoingEvent event : events) {
            chain = chain.chain(() -> append(event));
        }
        return chain;
    }
}
