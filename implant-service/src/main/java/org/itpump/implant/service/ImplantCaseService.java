package org.itpump.implant.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantRules;
import org.itpump.implant.messaging.ImplantEvents;
import org.itpump.implant.messaging.TrialEventsConsumer.TrialPassed;
import org.itpump.implant.store.ImplantCaseEntity;
import org.itpump.implant.store.ImplantCaseRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Implant case use cases; each change commits with its events (outbox). */
@ApplicationScoped
public class ImplantCaseService {

    private final ImplantCaseRepository cases;
    private final Outbox outbox;
    private final Clock clock;

    ImplantCaseService(ImplantCaseRepository cases, Outbox outbox, Clock clock) {
        this.cases = cases;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Runs in the consumer's transaction; a second trial.passed for the same trial changes nothing. */
    public Uni<ImplantCaseEntity> openForPassedTrial(TrialPassed passed) {
        return cases.byTrial(passed.trialId()).onItem().ifNull().switchTo(() -> {
            ImplantCaseEntity opened = new ImplantCaseEntity();
            opened.id = UUID.randomUUID();
            opened.pathwayId = passed.pathwayId();
            opened.patientRef = passed.patientRef();
            opened.trialId = passed.trialId();
            opened.baselineNrs = passed.baselineNrs();
            opened.status = ImplantCaseStatus.AWAITING_SCHEDULING;
            opened.openedAt = now();
            return cases.persist(opened).call(() -> outbox.append(ImplantEvents.caseOpened(opened)));
        });
    }

    @WithTransaction
    public Uni<ImplantCaseEntity> schedule(UUID caseId, OffsetDateTime scheduledStart) {
        return cases.require(caseId).chain(implantCase -> {
            implantCase.status = implantCase.status.transitionTo(ImplantCaseStatus.SCHEDULED);
            ImplantRules.requireFutureStart(scheduledStart, clock.instant());
            implantCase.scheduledStart = scheduledStart.withOffsetSameInstant(ZoneOffset.UTC);
            return outbox.append(ImplantEvents.scheduled(implantCase)).replaceWith(implantCase);
        });
    }

    @WithTransaction
    public Uni<ImplantCaseEntity> complete(UUID caseId, BigDecimal reservoirVolumeMl) {
        return cases.require(caseId).chain(implantCase -> {
            implantCase.status = implantCase.status.transitionTo(ImplantCaseStatus.COMPLETED);
            ImplantRules.requirePlausibleReservoir(reservoirVolumeMl);
            implantCase.reservoirVolumeMl = reservoirVolumeMl;
            implantCase.completedAt = now();
            return outbox.append(ImplantEvents.completed(implantCase)).replaceWith(implantCase);
        });
    }

    @WithSession
    public Uni<ImplantCaseEntity> find(UUID caseId) {
        return cases.require(caseId);
    }

    @WithSession
    public Uni<List<ImplantCaseEntity>> search(ImplantCaseStatus status, UUID pathwayId) {
        return cases.search(status, pathwayId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
