package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PainAssessmentRepository implements PanacheRepositoryBase<PainAssessmentEntity, UUID> {

    public Uni<List<PainAssessmentEntity>> ofTrial(UUID trialId) {
        return list("trialId", Sort.ascending("assessedAt"), trialId);
    }
}
