package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.trial.domain.Candidate;

import java.util.UUID;

/** Candidates, mapped to and from {@link Candidate}. */
@ApplicationScoped
public class CandidateRepository implements PanacheRepositoryBase<CandidateEntity, UUID> {

    /** The candidate, or 404. */
    public Uni<Candidate> require(UUID candidateId) {
        return row(candidateId).map(CandidateEntity::toCandidate);
    }

    public Uni<Candidate> add(Candidate candidate) {
        return persist(CandidateEntity.of(candidate)).map(CandidateEntity::toCandidate);
    }

    /** Writes the candidate's new state into its row (loaded in this session); its version guards the change. */
    public Uni<Candidate> save(Candidate candidate) {
        return row(candidate.id()).invoke(row -> row.apply(candidate)).map(CandidateEntity::toCandidate);
    }

    private Uni<CandidateEntity> row(UUID candidateId) {
        return findById(candidateId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Candidate", candidateId));
    }
}
