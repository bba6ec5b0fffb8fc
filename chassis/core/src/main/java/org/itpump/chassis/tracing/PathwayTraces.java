package org.itpump.chassis.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.time.Times;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * One trace per pathway across the services. A consumed event's trace becomes the pathway's trace in this
 * service ({@link #follow}); the {@link org.itpump.chassis.outbox.Outbox} publishes the pathway's later events in it, even when a REST
 * request of its own trace (a theatre booking, the implant's completion) caused them. A hospital's engineer
 * then sees the trial decision, the implant case, the surgery and the monitoring plan in one trace.
 */
@ApplicationScoped
public class PathwayTraces {

    private static final String FOLLOW = """
            insert into pathway_trace (pathway_id, traceparent, updated_at) values (?1, ?2, ?3)
            on conflict (pathway_id) do update set traceparent = excluded.traceparent, updated_at = excluded.updated_at""";

    private final Clock clock;

    PathwayTraces(Clock clock) {
        this.clock = clock;
    }

    /** In the consumer's Panache transaction: the pathway continues in the trace of the event being applied. */
    public Uni<Void> follow(String pathwayId) {
        return follow(pathwayId, currentTraceparent());
    }

    /**
     * As {@link #follow(String)}, in the trace given as a W3C traceparent (a record of a consumed batch, which has no
     * current span of its own); null leaves the pathway's trace as it was.
     */
    public Uni<Void> follow(String pathwayId, String traceparent) {
        if (traceparent == null || pathwayId == null) {
            return Uni.createFrom().voidItem(); // an untraced event leaves the pathway's trace as it was
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(FOLLOW)
                        .setParameter(1, pathwayId)
                        .setParameter(2, traceparent)
                        .setParameter(3, Times.now(clock))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * {@link #follow(String, String)} for many pathways in one statement: each pathway (at most once in the map)
     * continues in its traceparent. Inside the consumer's Panache transaction.
     */
    public Uni<Void> followAll(Map<String, String> traceparentByPathway) {
        if (traceparentByPathway.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("insert into pathway_trace (pathway_id, traceparent, updated_at) values ");
        int p = 1;
        for (int i = 0; i < traceparentByPathway.size(); i++, p += 2) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?1)");
        }
        sql.append(" on conflict (pathway_id) do update set traceparent = excluded.traceparent,")
                .append(" updated_at = excluded.updated_at");
        var now = Times.now(clock);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString()).setParameter(1, now);
            int at = 1;
            for (Map.Entry<String, String> pathway : traceparentByPathway.entrySet()) {
                query.setParameter(at + 1, pathway.getKey()).setParameter(at + 2, pathway.getValue());
                at += 2;
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * The W3C traceparent of the span current here (the REST request, or the consumed record, whose
     * transaction this is), or null outside any trace. The outbox relay publishes a row as part of this trace.
     */
    public static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
