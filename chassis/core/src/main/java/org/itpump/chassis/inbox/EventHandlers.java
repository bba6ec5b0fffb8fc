package org.itpump.chassis.inbox;

import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a consumer does with each event type it cares about. Each handler reads the payload into the
 * consumer's own small record (a tolerant reader): services share contracts, not Java classes.
 */
public final class EventHandlers {

    record Handler<T>(Class<T> payloadType, Function<T, Uni<?>> action) {
    }

    private final Map<String, Handler<?>> byType = new HashMap<>();

    public static EventHandlers create() {
        return new EventHandlers();
    }

    public <T> EventHandlers on(String type, Class<T> payloadType, Function<T, Uni<?>> action) {
        byType.put(type, new Handler<>(payloadType, action));
        return this;
    }

    Optional<Handler<?>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }
}
