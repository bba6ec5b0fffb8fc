package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.persistence.LockModeType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.Keyset;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.trial.domain.Trial;
import org.itpump.trial.domain.TrialStatus;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Trials, mapped to and from {@link Trial}. */
@ApplicationScoped
public class TrialRepository implements PanacheRepositoryBase<TrialEntity, UUID> {

    private static final Keyset<TrialEntity> NEWEST_FIRST = Keyset.of(TrialEntity.class, (TrialEntity t) -> t.id)
            .descending("startedAt");

    /** The trial, or 404. */
    public Uni<Trial> require(UUID trialId) {
        return findById(trialId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Trial", trialId))
                .map(TrialEntity::toTrial);
    }

    /**
     * The trial, its row locked (select ... for update) until the transaction ends: an assessment, the decision and a
     * cancellation of one trial run one after the other, so no assessment commits after the decision uncounted.
     */
    public Uni<Trial> requireForUpdate(UUID trialId) {
        return findById(trialId, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Trial", trialId)).map(TrialEntity::toTrial);
    }

    /** The trial with its row locked, or null when there is none. */
    public Uni<Trial> findForUpdate(UUID trialId) {
        return findById(trialId, LockModeType.PESSIMISTIC_WRITE).map(row -> row == null ? null : row.toTrial());
    }

    public Uni<Trial> add(Trial trial) {
        return persist(TrialEntity.of(trial)).map(TrialEntity::toTrial);
    }

    /** Writes the trial's new state into its row (loaded in this session); its version guards the change. */
    public Uni<Trial> save(Trial trial) {
        return findById(trial.id()).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Trial", trial.id()))
                .invoke(row -> row.apply(trial)).map(TrialEntity::toTrial);
    }

    /** Newest first (then by id); status and the start-date range [from, to) are each optional. One page. */
    public Uni<Page<Trial>> search(TrialStatus status, OffsetDateTime startedFrom, OffsetDateTime startedBefore,
                                   PageRequest page) {
        return QueryFilter.create().equal("status", status)
                .atLeast("startedAt", startedFrom).before("startedAt", startedBefore)
                .page(this, NEWEST_FIRST, page).map(found -> found.map(TrialEntity::toTrial));
    }
}
