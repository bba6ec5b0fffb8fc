package org.itpump.console.domain;

import java.time.Instant;
import java.util.UUID;

/** A follow-up visit that fell due (followup.visit-due) in a plan still open. */
public record VisitDue(UUID planId, String visit, UUID pathwayId, String patientRef, Instant dueAt) {
}
