package org.itpump.trial.api;

import org.itpump.trial.domain.EligibilityItem;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.store.CandidateEntity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A trial candidate with the checklist items documented and those still missing. */
public record CandidateView(UUID candidateId, String patientRef, Indication indication,
                            Set<EligibilityItem> documented, List<EligibilityItem> missing, boolean eligible,
                            OffsetDateTime createdAt) {

    static CandidateView of(CandidateEntity c) {
        List<EligibilityItem> missing = c.checklist().missing();
        return new CandidateView(c.id, c.patientRef, c.indication, c.eligibility, missing, missing.isEmpty(), c.createdAt);
    }
}
