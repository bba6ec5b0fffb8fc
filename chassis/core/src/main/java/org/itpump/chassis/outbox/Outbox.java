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
import org.itpump.chassis.store.Gathering;
import org.itpump.chassis.time.Times;
import org.itpump.chassis.tracing.PathwayTraces;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Appends events to the service's outbox table in the caller's current transaction, so that a state change
 * and the events it causes commit together. The {@link OutboxRelay} publishes them after commit.
 * <p>
 * One pathway's appends are serialised: before an event is stamped ({@code occurred_at}, its {@code ce_time}) and
 * given its position, the transaction takes the pathway's advisory lock ({@link #PATHWAY_LOCK_CLASS}, held until it
 * commits or rolls back). Two use cases of one pathway that change different rows (a REST call and a timer, say)
 * would otherwise both commit, and the one stamped first could commit last: its row's position, drawn first, would
 * stay invisible while the relay published the later one, and the pathway's topic would carry a later
 * {@code ce_time} before an earlier one (the fault suite saw it, issue 17). With the lock, stamp order, position
 * order and commit order agree for each pathway. Events of other pathways never wait.
 * <p>
 * Lock order within each use case: the aggregate's rows (a use case loads them for update), then the pathway's lock
 * (here), then the audit chain's head, always last (the audit row; a consumed batch gathers its audit rows to its
 * end, see {@code AuditRecorder#gathered}), so no transaction waits for anything while it holds the head. Across the
 * events of one consumed batch the order is per event, not global: a later event of a pathway whose lock the batch
 * already holds may wait for a row a REST write holds while that write waits for the pathway. PostgreSQL then aborts
 * one of them (40P01): the batch goes record by record, or the write answers 409.
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

    /**
     * The class key of the pathway locks (two-int advisory locks, "itpu" in ASCII): a space of its own, apart from
     * the relay's one-bigint publisher lock. The object key is {@code hashtext(pathway id)}; two pathways that share
     * a hash only wait for each other.
     */
    static final int PATHWAY_LOCK_CLASS = 0x6974_7075;
    private static final String LOCK_PATHWAY = "select 1 from (select pg_advisory_xact_lock(" + PATHWAY_LOCK_CLASS
            + ", hashtext(?1))) as locked";

    private static final String INSERT_HEAD = """
            insert into outbox_event (id, topic, type, subject, occurred_at, payload, traceparent)
            values """;

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

    /**
     * Must run inside a Panache transaction ({@code @WithTransaction} or {@code Panache.withTransaction}). Waits for
     * any other open transaction that appended an event of the same pathway (see the class comment).
     */
    public Uni<Void> append(OutgoingEvent event) {
        return append(event, true);
    }

    /**
     * The same for an event whose subject is its own record (an {@code audit.recorded}: its subject is the audit
     * record id), which no other transaction appends to: it takes no pathway lock, saving a round trip.
     */
    public Uni<Void> appendRecordEvent(OutgoingEvent event) {
        return append(event, false);
    }

    private Uni<Void> append(OutgoingEvent event, boolean serialisePathway) {
        JsonNode payload;
        try {
            payload = checked(event);
        } catch (IllegalStateException broken) {
            return Uni.createFrom().failure(broken);
        }
        AuditScope.patientsOf(event.payload()); // the patients a change names in its events are in its audit row
        String pathway = event.pathwayId().toString();
        Gathered gathered = GATHERING.current();
        if (gathered != null) {
            // a batch's rows are written together before its commit; the pathway's lock is still taken before the
            // stamp, once per pathway in the batch
            Uni<Void> locked = serialisePathway && gathered.lockedPathways.add(pathway) ? lockPathway(pathway)
                    : Uni.createFrom().voidItem();
            return locked.invoke(() -> gathered.rows.add(row(event, payload)));
        }
        return (serialisePathway ? lockPathway(pathway) : Uni.createFrom().voidItem()).chain(() -> insert(event, payload));
    }

    /** Takes the pathway's advisory lock in the current transaction (held until it ends). */
    private static Uni<Void> lockPathway(String pathway) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_PATHWAY).setParameter(1, pathway).getSingleResult())
                .replaceWithVoid();
    }

    /** Stamps and inserts the event once its pathway's lock is held (the stamp must follow the wait). */
    private Uni<Void> insert(OutgoingEvent event, JsonNode payload) {
        Row row = row(event, payload);
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
     * trail), always in the current trace: an audit record belongs to the request it records. It takes no pathway
     * lock: it is for events whose subject is their own record (an {@code audit.recorded}'s subject is the audit
     * record id), which no other transaction appends to.
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
        return row(event, checked(event));
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

    /** The event's row, stamped now, with its payload already checked against its contract. */
    private Row row(OutgoingEvent event, JsonNode payload) {
        return new Row(UUID.randomUUID(), contracts.topicOf(event.type()), event.type(), event.pathwayId().toString(),
                Times.now(clock), payload.toString(), PathwayTraces.currentTraceparent());
    }

    /**
     * The payload as JSON, checked against its contract: a producer breaking its own contract is a bug, refused here
     * (IllegalStateException) rather than poisoning every consumer.
     */
    private JsonNode checked(OutgoingEvent event) {
        JsonNode payload = mapper.valueToTree(event.payload());
        List<String> violations = contracts.violations(event.type(), payload);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Event " + event.type() + " breaks its contract: " + violations);
        }
        return payload;
    }

    /**
     * Runs {@code work} (inside a Panache transaction, on a duplicated Vert.x context) with every {@link #append}
     * of it gathered, then writes the gathered rows in as few multi-row inserts as {@value #ROWS_PER_INSERT} rows
     * allow, in append order, before the result is passed on: one round trip for a consumed batch's events instead
     * of one per event (issue 17). Positions, so the relay's publication order, follow the append order as before.
     * A row's trace is the pathway's at the time of the insert (the pathway's last traced event in the batch).
     * Without a duplicated context the appends are written one by one, as outside it. Nested calls share the
     * outer gathering.
     */
    public <T> Uni<T> gathered(java.util.function.Supplier<Uni<T>> work) {
        return GATHERING.around(work, gathered -> insertAll(gathered.rows));
    }

    private static final Gathering<Gathered> GATHERING = new Gathering<>(Outbox.class.getName() + ".gathered",
            Gathered::new);
    static final int ROWS_PER_INSERT = 500;

    /** The rows appended so far in a {@link #gathered} call, and the pathways whose lock it took. */
    private static final class Gathered {
        final List<Row> rows = new java.util.ArrayList<>();
        final java.util.Set<String> lockedPathways = new java.util.HashSet<>();
    }

    private Uni<Void> insertAll(List<Row> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            chain = chain.chain(() -> insertRows(part));
        }
        return chain;
    }

    private Uni<Void> insertRows(List<Row> rows) {
        if (rows.size() == 1) {
            return Panache.getSession().chain(session -> bind(session.createNativeQuery(INSERT), rows.get(0), 0)
                    .executeUpdate()).replaceWithVoid();
        }
        StringBuilder sql = new StringBuilder(INSERT_HEAD);
        for (int i = 0; i < rows.size(); i++) {
            int p = i * 7;
            sql.append(i == 0 ? "" : ",\n").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                    .append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5)
                    .append(", cast(cast(?").append(p + 6).append(" as text) as jsonb), coalesce((select traceparent")
                    .append(" from pathway_trace where pathway_id = ?").append(p + 4).append("), cast(?").append(p + 7)
                    .append(" as text)))");
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                bind(query, rows.get(i), i * 7);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static <Q extends org.hibernate.reactive.mutiny.Mutiny.AbstractQuery> Q bind(Q query, Row row, int offset) {
        query.setParameter(offset + 1, row.id());
        query.setParameter(offset + 2, row.topic());
        query.setParameter(offset + 3, row.type());
        query.setParameter(offset + 4, row.subject());
        query.setParameter(offset + 5, row.occurredAt());
        query.setParameter(offset + 6, row.payload());
        query.setParameter(offset + 7, row.traceparent());
        return query;
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
