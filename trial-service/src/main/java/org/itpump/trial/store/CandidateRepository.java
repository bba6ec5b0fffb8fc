package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;

import java.util.UUID;

@ApplicationScoped
public class CandidateRepository implements PanacheRepositoryBase<CandidateEntity, UUID> {

    public Uni<CandidateEntity> require(UUID candidateId) {
        return findById(candidateId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Candidate", candidateId));
    }
}
