package org.itpump.console.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.console.domain.CaseOnBoard;
import org.itpump.console.domain.DeadLetter;
import org.itpump.console.domain.OpenEscalation;
import org.itpump.console.domain.RefillDue;
import org.itpump.console.domain.TimelineEntry;
import org.itpump.console.domain.VisitDue;
import org.itpump.console.store.ProjectionNotifications;
import org.itpump.console.store.ReadModel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The console's read use cases: what each page shows, straight from the read model (no call to another service). */
@ApplicationScoped
public class OpsBoard {

    /** Everything the worklists page shows, each list in its working order. */
    public record Worklists(List<CaseOnBoard> awaitingScheduling, List<RefillDue> refills,
                            List<OpenEscalation> escalations, List<VisitDue> visitsDue, List<DeadLetter> deadLetters) {
    }

    private final ReadModel readModel;
    private final ProjectionNotifications notifications;

    OpsBoard(ReadModel readModel, ProjectionNotifications notifications) {
        this.readModel = readModel;
        this.notifications = notifications;
    }

    /**
     * The pathway a search names: a pathway id as such, else the most recently active pathway of that patient
     * reference; empty when nothing matches.
     */
    public Uni<List<TimelineEntry>> timeline(String search) {
        String term = search == null ? "" : search.strip();
        if (term.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID pathwayId = asUuid(term);
        if (pathwayId != null) {
            return readModel.timeline(pathwayId);
        }
        return readModel.pathwaysOf(term).chain(pathways -> pathways.isEmpty()
                ? Uni.createFrom().item(List.<TimelineEntry>of()) : readModel.timeline(pathways.get(0)));
    }

    public Uni<List<CaseOnBoard>> bookings(Instant from, Instant to) {
        return readModel.bookings(from, to);
    }

    /** Cases waiting for a first theatre booking, oldest first. */
    public Uni<List<CaseOnBoard>> awaitingScheduling() {
        return readModel.awaitingScheduling();
    }

    public Uni<Worklists> worklists() {
        return Uni.combine().all().unis(readModel.awaitingScheduling(), readModel.openRefills(),
                        readModel.openEscalations(), readModel.visitsDue(), readModel.deadLetters())
                .with((cases, refills, escalations, visits, letters) -> new Worklists(cases,
                        refills.stream().sorted(RefillDue.WORKLIST_ORDER).toList(), escalations, visits, letters));
    }

    /** Changed pathway ids (or "dead-letters") as they commit. */
    public Multi<String> changes() {
        return notifications.changes();
    }

    private static UUID asUuid(String term) {
        try {
            return UUID.fromString(term);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
