package org.itpump.chassis.inbox;

import io.smallrye.mutiny.Uni;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a consumer does with each event type it cares about. Each handler reads the payload into the
 * consumer's own small record (a tolerant reader): services share contracts, not Java classes. Event types
 * without a handler are acknowledged without their payload being parsed or validated.
 */
public final class EventHandlers {

    /**
     * @param reads   the payload's top-level properties the consumer reads: the components of its record, or all
     * @param audited whether applying the event writes an audit row (system:&lt;service&gt;); see {@link #onUnaudited}
     */
    record Handler<T>(Class<T> payloadType, BiFunction<InboundEvent, T, Uni<?>> action, Predicate<String> reads,
                      boolean audited) {
    }

    private final Map<String, Handler<?>> byType = new HashMap<>();

    public static EventHandlers create() {
        return new EventHandlers();
    }

    /** @param payloadType a record of the properties this consumer reads; unknown properties are ignored */
    public <T> EventHandlers on(String type, Class<T> payloadType, Function<T, Uni<?>> action) {
        return onEvent(type, payloadType, (event, payload) -> action.apply(payload));
    }

    /**
     * As {@link #on}, for a consumer that also needs the envelope (ce_id, ce_time, ce_source): a read model that
     * keeps every event of a pathway (ops-console) records when and from where each fact came.
     */
    public <T> EventHandlers onEvent(String type, Class<T> payloadType, BiFunction<InboundEvent, T, Uni<?>> action) {
        return add(type, payloadType, action, true);
    }

    /**
     * As {@link #on}, but applying the event writes no audit row: only for a consumer of the audit topic itself
     * (integration-gateway keeps the services' AuditEvents). Every audit row is published as an audit.recorded
     * event, so auditing the copy of one would publish a new audit record for the copy to consume, without end. The
     * copied record is the audit fact; the copy adds none.
     */
    public <T> EventHandlers onUnaudited(String type, Class<T> payloadType, Function<T, Uni<?>> action) {
        return add(type, payloadType, (event, payload) -> action.apply(payload), false);
    }

    private <T> EventHandlers add(String type, Class<T> payloadType, BiFunction<InboundEvent, T, Uni<?>> action,
                                  boolean audited) {
        Predicate<String> reads = payloadType.isRecord()
                ? Arrays.stream(payloadType.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet())::contains
                : property -> true;
        byType.put(type, new Handler<>(payloadType, action, reads, audited));
        return this;
    }

    Optional<Handler<?>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }
}
