package org.itpump.followup.domain.plan;

import java.time.Instant;
import java.util.Objects;

/** A restriction in force from the implant until {@code endsAt} (exclusive). */
public record Restriction(RestrictionKind kind, Instant endsAt) {

    public Restriction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    public boolean inForceAt(Instant at) {
        return at.isBefore(endsAt);
    }
}
