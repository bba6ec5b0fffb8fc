package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.trial.domain.Candidate;
import org.itpump.trial.domain.EligibilityItem;
import org.itpump.trial.domain.Indication;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "candidate")
public class CandidateEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "patient_ref")
    public String patientRef;
    @Enumerated(EnumType.STRING)
    public Indication indication;
    @Convert(converter = EligibilityItemsConverter.class)
    public Set<EligibilityItem> eligibility;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;

    public Candidate toCandidate() {
        return new Candidate(id, patientRef, indication, eligibility, createdAt);
    }

    static CandidateEntity of(Candidate candidate) {
        CandidateEntity row = new CandidateEntity();
        row.apply(candidate);
        return row;
    }

    /** Writes {@code c}'s state into this row (the version stays). */
    void apply(Candidate c) {
        id = c.id();
        patientRef = c.patientRef();
        indication = c.indication();
        eligibility = c.eligibility().isEmpty() ? EnumSet.noneOf(EligibilityItem.class) : EnumSet.copyOf(c.eligibility());
        createdAt = c.createdAt();
    }
}
