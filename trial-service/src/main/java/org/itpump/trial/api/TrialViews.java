package org.itpump.trial.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.chassis.security.CallerView;
import org.itpump.trial.domain.PainAssessment;
import org.itpump.trial.domain.Trial;
import org.itpump.trial.domain.TrialStatus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A trial as each role may see it (least privilege, {@link CallerView}): clinicians and nurses get {@link TrialView};
 * integration engines the same without the cancellation note, which is documented as never published
 * (trial.cancelled); ops gets {@link Operational}. Schedulers are not allowed on trials.
 */
public final class TrialViews {

    private TrialViews() {
    }

    /**
     * Ids, status, timestamps and counts: no drug, dose, NRS, assessment or decision figures, no free text.
     * patientRef is not sent; it stays in the record for the audit trail, which names the patient read.
     *
     * @param assessmentCount null in a list, which loads no assessments
     */
    @Schema(name = "TrialOperationalView", description = "A trial as ops sees it (role ops)")
    public record Operational(UUID trialId, UUID pathwayId, UUID candidateId, TrialStatus status,
                              OffsetDateTime startedAt, OffsetDateTime windowEndsAt, Integer assessmentCount,
                              OffsetDateTime decidedAt, OffsetDateTime cancelledAt,
                              @JsonIgnore @Schema(hidden = true) String patientRef) {
    }

    /** The view of {@code t} for {@code view}; {@code assessments} null: a list view, without them. */
    static Object of(Trial t, List<PainAssessment> assessments, CallerView view) {
        return switch (view) {
            case CLINICAL -> TrialView.of(t, assessments);
            case PUBLISHED -> published(TrialView.of(t, assessments));
            case SCHEDULING, OPERATIONAL -> new Operational(t.id(), t.pathwayId(), t.candidateId(), t.status(),
                    t.startedAt(), t.windowEndsAt(), assessments == null ? null : assessments.size(),
                    t.decision() == null ? null : t.decision().decidedAt(),
                    t.cancellation() == null ? null : t.cancellation().cancelledAt(), t.patientRef());
        };
    }

    /** The trial without the clinician's cancellation note (free text that stays in trial-service). */
    private static TrialView published(TrialView full) {
        TrialView.Cancellation c = full.cancellation();
        return c == null ? full
                : CallerView.with(full, "cancellation", new TrialView.Cancellation(c.reason(), null, c.cancelledAt()));
    }
}
