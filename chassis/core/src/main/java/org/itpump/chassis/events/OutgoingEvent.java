package org.itpump.chassis.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A fact a service is about to publish: its CloudEvents type (e.g. {@code trial.passed}), the pathway it
 * belongs to (ce_subject and record key) and its payload, serialised as JSON.
 */
public record OutgoingEvent(String type, UUID pathwayId, Object payload) {
    public OutgoingEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pathwayId, "pathwayId");
        Objects.requireNonNull(payload, "payload");
    }
}
