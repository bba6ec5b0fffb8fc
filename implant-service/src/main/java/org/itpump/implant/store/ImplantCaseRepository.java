package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.Keyset;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Implant cases, mapped to and from {@link ImplantCase}. */
@ApplicationScoped
public class ImplantCaseRepository implements PanacheRepositoryBase<ImplantCaseEntity, UUID> {

    private static final Keyset<ImplantCaseEntity> OLDEST_FIRST =
            Keyset.of(ImplantCaseEntity.class, (ImplantCaseEntity c) -> c.id).ascending("openedAt");

    /** The case, or 404. */
    public Uni<ImplantCase> require(UUID caseId) {
        return row(caseId).map(ImplantCaseEntity::toCase);
    }

    /** The case the passed trial opened (path TRIAL), or null; replacements share its trial id. */
    public Uni<ImplantCase> byTrial(UUID trialId) {
        return find("trialId = ?1 and path = ?2", trialId, ImplantPath.TRIAL).firstResult()
                .map(row -> row == null ? null : row.toCase());
    }

    /** The replacement of the case that is not CLOSED (at most one, by a partial unique index), or null. */
    public Uni<ImplantCase> liveReplacementOf(UUID caseId) {
        return find("replacesCaseId = ?1 and status <> ?2", caseId, ImplantCaseStatus.CLOSED).firstResult()
                .map(row -> row == null ? null : row.toCase());
    }

    /** These cases, in no order. */
    public Uni<List<ImplantCase>> byIds(Collection<UUID> caseIds) {
        return caseIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("id in ?1", caseIds).map(rows -> rows.stream().map(ImplantCaseEntity::toCase).toList());
    }

    public Uni<ImplantCase> add(ImplantCase implantCase) {
        return persist(ImplantCaseEntity.of(implantCase)).map(ImplantCaseEntity::toCase);
    }

    /** Writes the case's new state into its row (loaded in this session); its version guards the change. */
    public Uni<ImplantCase> save(ImplantCase implantCase) {
        return row(implantCase.id()).invoke(row -> row.apply(implantCase)).map(ImplantCaseEntity::toCase);
    }

    /** One page of cases, oldest first (then by id), filtered by whichever of status and pathway is given. */
    public Uni<Page<ImplantCase>> search(ImplantCaseStatus status, UUID pathwayId, PageRequest page) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .page(this, OLDEST_FIRST, page).map(found -> found.map(ImplantCaseEntity::toCase));
    }

    private Uni<ImplantCaseEntity> row(UUID caseId) {
        return findById(caseId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Implant case", caseId));
    }
}
