package org.itpump.followup.domain.complication;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A complication as recorded against a plan: the report and when it was made. */
public record RecordedComplication(UUID id, UUID planId, ComplicationKind kind, Severity severity,
                                   OffsetDateTime onsetAt, Set<ClinicalFeature> features, OffsetDateTime reportedAt) {
}
