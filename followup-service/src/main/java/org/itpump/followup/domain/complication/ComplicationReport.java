package org.itpump.followup.domain.complication;

import org.itpump.chassis.problem.RuleViolationException;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A complication of the implant as reported by a clinician. New reports go through {@link #reported}, which
 * checks the onset; the constructor alone (for reloading a stored report) checks only completeness.
 */
public record ComplicationReport(ComplicationKind kind, Severity severity, Instant onsetAt, Set<ClinicalFeature> features) {

    public ComplicationReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(onsetAt, "onsetAt");
        Objects.requireNonNull(features, "features");
        EnumSet<ClinicalFeature> copy = EnumSet.noneOf(ClinicalFeature.class);
        copy.addAll(features); // a null element fails here
        features = Collections.unmodifiableSet(copy);
    }

    /** A complication of the implant cannot start before it was completed, nor in the future. */
    public static ComplicationReport reported(ComplicationKind kind, Severity severity, Instant onsetAt,
                                              Set<ClinicalFeature> features, Instant procedureEndedAt, Instant now) {
        Objects.requireNonNull(onsetAt, "onsetAt");
        if (onsetAt.isAfter(now)) {
            throw new RuleViolationException("Complication onset " + onsetAt + " is in the future (now " + now + ")");
        }
        if (onsetAt.isBefore(procedureEndedAt)) {
            throw new RuleViolationException("Complication onset " + onsetAt + " is before the implant procedure ended at "
                    + procedureEndedAt);
        }
        return new ComplicationReport(kind, severity, onsetAt, features);
    }

    public boolean has(ClinicalFeature feature) {
        return features.contains(feature);
    }
}
