package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.implant.domain.CaseHistoryLine;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Each case's history lines, oldest first. */
@ApplicationScoped
public class CaseHistoryRepository implements PanacheRepositoryBase<CaseHistoryEntity, Long> {

    public Uni<Void> append(UUID caseId, OffsetDateTime at, String what, String detail) {
        CaseHistoryEntity line = new CaseHistoryEntity();
        line.caseId = caseId;
        line.happenedAt = at;
        line.what = what;
        line.detail = detail;
        return persist(line).replaceWithVoid();
    }

    public Uni<List<CaseHistoryLine>> of(UUID caseId) {
        return list("caseId", Sort.ascending("id"), caseId).map(lines -> lines.stream()
                .map(line -> new CaseHistoryLine(line.caseId, line.happenedAt, line.what, line.detail)).toList());
    }
}
