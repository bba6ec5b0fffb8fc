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
     * The W3C traceparent of the span current here (the REST request, or the consumed record, whose
     * transaction this is), or null outside any trace. The outbox relay publishes a row as part of this trace.
     */
    public static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
