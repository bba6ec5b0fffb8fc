package org.itpump.implant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A surgeon theatre bookings name; staffRef is the hospital's staff reference, unique. */
public record Surgeon(UUID id, String name, String staffRef, OffsetDateTime createdAt) {

    public static Surgeon register(String name, String staffRef, OffsetDateTime at) {
        return new Surgeon(UUID.randomUUID(), name, staffRef, at);
    }
}
