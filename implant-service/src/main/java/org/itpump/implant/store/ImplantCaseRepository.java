package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.Keyset;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;

import java.util.UUID;

@ApplicationScoped
public class ImplantCaseRepository implements PanacheRepositoryBase<ImplantCaseEntity, UUID> {

    private static final Keyset<ImplantCaseEntity> OLDEST_FIRST =
            Keyset.of(ImplantCaseEntity.class, (ImplantCaseEntity c) -> c.id).ascending("openedAt");

    public Uni<ImplantCaseEntity> require(UUID caseId) {
        return findById(caseId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Implant case", caseId));
    }

    /** The case the passed trial opened (path TRIAL); replacements share its trial id. */
    public Uni<ImplantCaseEntity> byTrial(UUID trialId) {
        return find("trialId = ?1 and path = ?2", trialId, ImplantPath.TRIAL).firstResult();
    }

    /** The replacement of the case that is not CLOSED (at most one, by a partial unique index), or null. */
    public Uni<ImplantCaseEntity> liveReplacementOf(UUID caseId) {
        return find("replacesCaseId = ?1 and status <> ?2", caseId, ImplantCaseStatus.CLOSED).firstResult();
    }

    /** One page of cases, oldest first (then by id), filtered by whichever of status and pathway is given. */
    public Uni<Page<ImplantCaseEntity>> search(ImplantCaseStatus status, UUID pathwayId, PageRequest page) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .page(this, OLDEST_FIRST, page);
    }
}
