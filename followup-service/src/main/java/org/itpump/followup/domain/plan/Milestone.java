package org.itpump.followup.domain.plan;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A point in a monitoring plan where something becomes due: a durable timer. {@code subject} is the visit
 * or restriction kind (or the course / window itself), so {@link #key()} is unique within a plan and can
 * key the timer row, making its firing idempotent.
 */
public record Milestone(MilestoneKind kind, String subject, Instant at) {

    /** Time order; ties by kind, then subject, so the list is stable. */
    public static final Comparator<Milestone> CHRONOLOGICAL = Comparator.comparing(Milestone::at)
            .thenComparing(Milestone::kind).thenComparing(Milestone::subject);

    public Milestone {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
    }

    public String key() {
        return kind + ":" + subject;
    }
}
