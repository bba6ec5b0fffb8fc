package org.itpump.console.domain;

import java.time.Instant;

/** A record a service refused, from its itpump.&lt;service&gt;.dlq topic: metadata only, never the payload. */
public record DeadLetter(String service, String topic, int partition, long offset, String reason, String eventType,
                         String pathwayId, Instant deadLetteredAt) {
}
