package org.itpump.dosing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.messaging.DosingEvents;
import org.itpump.dosing.messaging.ImplantEventsConsumer.ImplantCompleted;
import org.itpump.dosing.store.PumpTherapyEntity;
import org.itpump.dosing.store.PumpTherapyRepository;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PumpTherapyService {

    private final PumpTherapyRepository therapies;
    private final Outbox outbox;
    private final Clock clock;

    PumpTherapyService(PumpTherapyRepository therapies, Outbox outbox, Clock clock) {
        this.therapies = therapies;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Runs in the consumer's transaction; a second implant.completed for the same case changes nothing. */
    public Uni<PumpTherapyEntity> openForImplant(ImplantCompleted implant) {
        return therapies.byImplantCase(implant.caseId()).onItem().ifNull().switchTo(() -> {
            PumpTherapyEntity therapy = new PumpTherapyEntity();
            therapy.id = UUID.randomUUID();
            therapy.pathwayId = implant.pathwayId();
            therapy.patientRef = implant.patientRef();
            therapy.implantCaseId = implant.caseId();
            therapy.reservoirVolumeMl = implant.reservoirVolumeMl();
            therapy.status = PumpTherapyStatus.ACTIVE;
            therapy.openedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return therapies.persist(therapy).call(() -> outbox.append(DosingEvents.therapyOpened(therapy)));
        });
    }

    @WithSession
    public Uni<PumpTherapyEntity> find(UUID therapyId) {
        return therapies.require(therapyId);
    }

    @WithSession
    public Uni<List<PumpTherapyEntity>> search(PumpTherapyStatus status, UUID pathwayId) {
        return therapies.search(status, pathwayId);
    }
}
