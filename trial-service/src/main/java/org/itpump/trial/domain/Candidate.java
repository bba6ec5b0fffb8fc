package org.itpump.trial.domain;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A patient proposed for intrathecal therapy, with the eligibility checklist documented so far. A trial starts only
 * for a candidate whose checklist is complete ({@link #startTrial}).
 *
 * @param eligibility the documented items, in checklist order (unmodifiable)
 */
public record Candidate(UUID id, String patientRef, Indication indication, Set<EligibilityItem> eligibility,
                        OffsetDateTime createdAt) {

    public Candidate {
        // EnumSet keeps the checklist order, which the API shows
        eligibility = Collections.unmodifiableSet(eligibility == null || eligibility.isEmpty()
                ? EnumSet.noneOf(EligibilityItem.class) : EnumSet.copyOf(eligibility));
    }

    /** A new candidate with an empty checklist. */
    public static Candidate register(String patientRef, Indication indication, OffsetDateTime at) {
        return new Candidate(UUID.randomUUID(), patientRef, indication, Set.of(), at);
    }

    /** The candidate with {@code documented} as every checklist item documented so far (it replaces the list). */
    public Candidate documentEligibility(Set<EligibilityItem> documented) {
        return new Candidate(id, patientRef, indication, documented, createdAt);
    }

    public EligibilityChecklist checklist() {
        return new EligibilityChecklist(eligibility);
    }

    /**
     * Starts a screening trial and mints the pathway id every later event of this patient's pathway carries.
     * 422 (RuleViolationException) listing what is missing when the checklist is incomplete, or for a baseline NRS
     * that cannot measure relief (below 1). Emits {@link TrialEvent.Started}.
     */
    public Trial.Changed startTrial(Trial.Order order, OffsetDateTime at) {
        checklist().requireComplete();
        ReliefDecision.requireMeasurableBaseline(order.baselineNrs());
        Trial trial = new Trial(UUID.randomUUID(), UUID.randomUUID(), id, patientRef, indication, order.trialType(),
                order.drug(), order.dose(), order.doseUnit(), order.baselineNrs(), TrialStatus.IN_PROGRESS, at,
                at.plus(order.trialType().window()), null, null, null, null, null);
        return new Trial.Changed(trial, List.of(new TrialEvent.Started(trial)));
    }
}
