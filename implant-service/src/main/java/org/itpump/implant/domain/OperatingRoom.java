package org.itpump.implant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An operating room theatre bookings are made in; its name is unique. */
public record OperatingRoom(UUID id, String name, OffsetDateTime createdAt) {

    public static OperatingRoom register(String name, OffsetDateTime at) {
        return new OperatingRoom(UUID.randomUUID(), name, at);
    }
}
