package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.trial.domain.PainAssessment;

import java.util.List;
import java.util.UUID;

/** Pain assessments, mapped to and from {@link PainAssessment}. */
@ApplicationScoped
public class PainAssessmentRepository implements PanacheRepositoryBase<PainAssessmentEntity, UUID> {

    /** The trial's assessments, oldest first. */
    public Uni<List<PainAssessment>> ofTrial(UUID trialId) {
        return list("trialId", Sort.ascending("assessedAt"), trialId)
                .map(rows -> rows.stream().map(PainAssessmentEntity::toAssessment).toList());
    }

    public Uni<PainAssessment> add(PainAssessment assessment) {
        return persist(PainAssessmentEntity.of(assessment)).map(PainAssessmentEntity::toAssessment);
    }
}
