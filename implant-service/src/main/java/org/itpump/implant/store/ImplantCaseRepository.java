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

import java.util.UUID;

@ApplicationScoped
public class ImplantCaseRepository implements PanacheRepositoryBase<ImplantCaseEntity, UUID> {

    private static final Keyset<ImplantCaseEntity> OLDEST_FIRST =
            Keyset.of(ImplantCaseEntity.class, (ImplantCaseEntity c) -> c.id).ascending("openedAt");

    public Uni<ImplantCaseEntity> require(UUID caseId) {
        return findById(caseId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Implant case", caseId));
    }

    public Uni<ImplantCaseEntity> byTrial(UUID trialId) {
        return find("trialId", trialId).firstResult();
    }

    /** One page of cases, oldest first (then by id), filtered by whichever of status and pathway is given. */
    public Uni<Page<ImplantCaseEntity>> search(ImplantCaseStatus status, UUID pathwayId, PageRequest page) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .page(this, OLDEST_FIRST, page);
    }
}
