package org.itpump.chassis.inbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.ZonedDateTime;

/** A consumed event whose CloudEvents attributes were read and whose payload satisfied its schema. */
public record InboundEvent(String id, String type, String source, String pathwayId, ZonedDateTime time,
                           JsonNode payload) {
}
