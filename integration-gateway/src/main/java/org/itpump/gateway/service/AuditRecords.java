package org.itpump.gateway.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.gateway.domain.AuditRecord;
import org.itpump.gateway.messaging.FhirResources;
import org.itpump.gateway.store.FhirStore;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The services' audit records (audit.recorded) that name a patient become FHIR AuditEvents, served and published like
 * the other resources; those that name none (a refused anonymous call, a metadata read) are not kept: the gateway's
 * FHIR API is searched by patient, and the hospital's audit archive reads itpump.audit.events itself.
 */
@ApplicationScoped
public class AuditRecords {

    private final FhirStore store;
    private final FhirResources fhir;
    private final Clock clock;

    AuditRecords(FhirStore store, GatewayConfig config, Clock clock) {
        this.store = store;
        this.fhir = config.fhir().resources();
        this.clock = clock;
    }

    /** AuditEvent/{id}: its date is {@code recorded}, its patients every patient it names. */
    public Uni<Void> recorded(AuditRecord record) {
        if (record.patientRefs().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.put("AuditEvent", record.id(), null, record.patientRefs(), record.recorded(),
                fhir.json(fhir.auditEvent(record)), OffsetDateTime.now(clock));
    }
}
