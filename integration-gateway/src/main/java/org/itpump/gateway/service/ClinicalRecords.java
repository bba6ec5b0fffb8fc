package org.itpump.gateway.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.gateway.domain.PumpProgram;
import org.itpump.gateway.messaging.FhirResources;
import org.itpump.gateway.store.FhirStore;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Pump programs become FHIR MedicationRequests; trial pain scores Observations (LOINC 72514-3). */
@ApplicationScoped
public class ClinicalRecords {

    private final FhirStore store;
    private final FhirResources fhir;
    private final Clock clock;

    ClinicalRecords(FhirStore store, GatewayConfig config, Clock clock) {
        this.store = store;
        this.fhir = config.fhir().resources();
        this.clock = clock;
    }

    /** MedicationRequest program-{programId}. */
    public Uni<Void> programmed(PumpProgram program) {
        return store.put("MedicationRequest", "program-" + program.programId(), program.pathwayId(), program.patientRef(),
                program.programmedAt(), fhir.json(fhir.pumpProgram(program)), OffsetDateTime.now(clock));
    }

    /** Observation nrs-{assessmentId}. */
    public Uni<Void> painScored(UUID assessmentId, UUID pathwayId, String patientRef, int nrs, OffsetDateTime at) {
        String id = "nrs-" + assessmentId;
        return store.put("Observation", id, pathwayId, patientRef, at, fhir.json(fhir.painScore(id, patientRef, nrs, at)),
                OffsetDateTime.now(clock));
    }
}
