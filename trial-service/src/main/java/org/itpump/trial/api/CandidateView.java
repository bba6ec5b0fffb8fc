package org.itpump.trial.api;

import org.itpump.trial.domain.Candidate;
import org.itpump.trial.domain.EligibilityItem;
import org.itpump.trial.domain.Indication;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A trial candidate with the checklist items documented and those still missing. */
public record CandidateView(UUID candidateId, String patientRef, Indication indication,
                            Set<EligibilityItem> documented, List<EligibilityItem> missing, boolean eligible,
                            OffsetDateTime createdAt) {

    static CandidateView of(Candidate c) {
        List<EligibilityItem> missing = c.checklist().missing();
        return new CandidateView(c.id(), c.patientRef(), c.indication(), c.eligibility(), missing, missing.isEmpty(),
                c.createdAt());
    }
}
