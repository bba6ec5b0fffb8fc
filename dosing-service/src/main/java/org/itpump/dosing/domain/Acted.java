package org.itpump.dosing.domain;

import java.util.List;

/**
 * What a clinical act on an aggregate produced: its result (the new program, refill or plan, to be stored) and the
 * domain events it caused, in the order they are to be published.
 */
public record Acted<T>(T result, List<DosingEvent> events) {

    public Acted {
        events = List.copyOf(events);
    }
}
