package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.trial.domain.TrialStatus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TrialRepository implements PanacheRepositoryBase<TrialEntity, UUID> {

    public Uni<TrialEntity> require(UUID trialId) {
        return findById(trialId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Trial", trialId));
    }

    /** Newest first; status and the start-date range [from, to) are each optional. */
    public Uni<List<TrialEntity>> search(TrialStatus status, OffsetDateTime startedFrom, OffsetDateTime startedBefore) {
        return QueryFilter.create().equal("status", status)
                .atLeast("startedAt", startedFrom).before("startedAt", startedBefore)
                .list(this, Sort.descending("startedAt"));
    }
}
