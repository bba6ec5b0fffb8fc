package org.itpump.console.domain;

import java.time.Instant;
import java.util.UUID;

/** One event of a pathway as the read model keeps it; {@code at} is the event's ce_time. */
public record TimelineEntry(UUID pathwayId, String patientRef, String type, Lane lane, Instant at, String actor,
                            String summary, String clinicalDetail) {
}
