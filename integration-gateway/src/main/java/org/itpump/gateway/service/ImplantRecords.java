package org.itpump.gateway.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.gateway.domain.Implant;
import org.itpump.gateway.messaging.FhirResources;
import org.itpump.gateway.store.AppointmentEntity;
import org.itpump.gateway.store.FhirStore;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * implant.completed and implant.explanted become FHIR Procedures and the pump's and catheter's Devices; the surgeon
 * (performer) comes from the case's booking when the gateway saw it.
 */
@ApplicationScoped
public class ImplantRecords {

    private final FhirStore store;
    private final FhirResources fhir;
    private final Clock clock;

    ImplantRecords(FhirStore store, GatewayConfig config, Clock clock) {
        this.store = store;
        this.fhir = config.fhir().resources();
        this.clock = clock;
    }

    /** The implant: Procedure (implant-{caseId}), Device pump-{caseId} and catheter-{caseId}. */
    public Uni<Void> implanted(Implant facts) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return withSurgeon(facts).chain(implant -> store.put("Procedure", "implant-" + implant.caseId(), implant.pathwayId(),
                        implant.patientRef(), implant.endedAt(), fhir.json(fhir.implantProcedure(implant)), now)
                .chain(() -> store.put("Device", "pump-" + implant.caseId(), implant.pathwayId(), implant.patientRef(),
                        implant.endedAt(), fhir.json(fhir.pump(implant)), now))
                .chain(() -> store.put("Device", "catheter-" + implant.caseId(), implant.pathwayId(), implant.patientRef(),
                        implant.endedAt(), fhir.json(fhir.catheter(implant)), now)));
    }

    /** The explant: Procedure explant-{caseId} naming the removed pump and catheter. */
    public Uni<Void> explanted(Implant facts, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return withSurgeon(facts).chain(implant -> store.put("Procedure", "explant-" + implant.caseId(),
                implant.pathwayId(), implant.patientRef(), implant.endedAt(),
                fhir.json(fhir.explantProcedure(implant, reason)), now));
    }

    private Uni<Implant> withSurgeon(Implant facts) {
        return AppointmentEntity.<AppointmentEntity>findById(facts.caseId()).map(row -> row == null ? facts
                : new Implant(facts.caseId(), facts.pathwayId(), facts.patientRef(), facts.startedAt(), facts.endedAt(),
                facts.catheterEntryLevel(), facts.catheterTipLevel(), facts.pumpPocketSide(), facts.pump(),
                facts.catheter(), row.toBooking().surgeon()));
    }
}
