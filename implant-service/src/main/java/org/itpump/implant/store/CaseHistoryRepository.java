package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CaseHistoryRepository implements PanacheRepositoryBase<CaseHistoryEntity, Long> {

    public Uni<CaseHistoryEntity> append(UUID caseId, OffsetDateTime at, String what, String detail) {
        CaseHistoryEntity line = new CaseHistoryEntity();
        line.caseId = caseId;
        line.happenedAt = at;
        line.what = what;
        line.detail = detail;
        return persist(line);
    }

    public Uni<List<CaseHistoryEntity>> of(UUID caseId) {
        return list("caseId", Sort.ascending("id"), caseId);
    }
}
