package org.itpump.followup.domain.plan;

import java.time.Instant;
import java.util.Objects;

public record Visit(VisitKind kind, Instant dueAt) {

    public Visit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
