package org.itpump.gateway.messaging;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Procedure;
import org.itpump.gateway.domain.AppointmentStatus;
import org.itpump.gateway.domain.Booking;
import org.itpump.gateway.domain.Implant;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.itpump.gateway.FhirChecks.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FhirResourcesTest {

    private final FhirResources fhir = new FhirResources("urn:oid:1.2.3.4.5", "urn:oid:1.2.3.4.6");
    private final Booking.Surgeon surgeon = new Booking.Surgeon(UUID.randomUUID(), "Okafor", "S-4711");
    private final Implant implant = new Implant(UUID.fromString("c0000000-0000-4000-8000-000000000001"),
            UUID.randomUUID(), "PT-77", OffsetDateTime.parse("2026-11-26T12:00:00Z"),
            OffsetDateTime.parse("2026-11-26T13:30:00Z"), "L2-L3", "T10", "RIGHT",
            new Implant.DeviceFacts("Medtronic", "SynchroMed II", "NGP123456H", "LOT-9", LocalDate.parse("2028-05-31"),
                    "(01)00643169007222(17)280531(10)LOT-9(21)NGP123456H"),
            new Implant.DeviceFacts("Medtronic", "Ascenda 8781", "CAT-1", "LOT-C", null, null), surgeon);

    @Test
    void theAppointmentPassesTheValidatorAndCarriesTheBooking() {
        Booking booking = SiuMessagesTest.booking(AppointmentStatus.BOOKED, "S-4711");
        Appointment a = fhir.appointment(booking);
        assertValid(a);
        assertEquals("booked", a.getStatus().toCode());
        assertEquals("62362", a.getServiceTypeFirstRep().getCodingFirstRep().getCode());
        assertEquals(FhirResources.CPT, a.getServiceTypeFirstRep().getCodingFirstRep().getSystem());
        assertEquals(90, a.getMinutesDuration());
        assertEquals("PT-77", a.getParticipantFirstRep().getActor().getIdentifier().getValue());
        assertTrue(!fhir.json(a).contains("\"name\""), "no patient name anywhere");
        assertValid(fhir.appointment(booking.withStatus(AppointmentStatus.CANCELLED, new Booking.CodedReason(null, "Unwell"))));
    }

    @Test
    void theImplantProcedureNamesPumpAndCatheterAndPasses() {
        Procedure p = fhir.implantProcedure(implant);
        assertValid(p);
        assertEquals("62362", p.getCode().getCodingFirstRep().getCode());
        assertEquals("S-4711", p.getPerformerFirstRep().getActor().getIdentifier().getValue());
        assertEquals("Device/pump-c0000000-0000-4000-8000-000000000001", p.getFocalDevice().get(0).getManipulated().getReference());
        assertEquals("Device/catheter-c0000000-0000-4000-8000-000000000001", p.getFocalDevice().get(1).getManipulated().getReference());
        assertEquals("implanted", p.getFocalDevice().get(0).getAction().getCodingFirstRep().getCode());
        assertEquals(2, p.getBodySite().size());
        Procedure explant = fhir.explantProcedure(implant, "INFECTION");
        assertValid(explant);
        assertEquals("explanted", explant.getFocalDeviceFirstRep().getAction().getCodingFirstRep().getCode());
    }

    @Test
    void pumpAndCatheterDevicesPassWithTheirIdentifiers() {
        Device pump = fhir.pump(implant);
        assertValid(pump);
        assertEquals("NGP123456H", pump.getSerialNumber());
        assertEquals("LOT-9", pump.getLotNumber());
        assertEquals("(01)00643169007222(17)280531(10)LOT-9(21)NGP123456H", pump.getUdiCarrierFirstRep().getCarrierHRF());
        assertEquals("Medtronic", pump.getManufacturer());
        Device catheter = fhir.catheter(implant);
        assertValid(catheter);
        assertEquals("INTRATHECAL_CATHETER", catheter.getType().getCodingFirstRep().getCode());
        assertValid(fhir.catheter(new Implant(implant.caseId(), implant.pathwayId(), "PT-77", null, null, "L2-L3", "T10",
                null, implant.pump(), null, null)));
    }

    @Test
    void aPumpProgramIsAMedicationRequestInUcumMicrogramsAndPasses() {
        var program = new org.itpump.gateway.domain.PumpProgram(UUID.randomUUID(), UUID.randomUUID(), "PT-77", "morphine",
                null, "mcg", new java.math.BigDecimal("100"), new java.math.BigDecimal("12.5"), 4,
                OffsetDateTime.parse("2026-11-27T09:00:00Z"));
        var request = fhir.pumpProgram(program);
        assertValid(request);
        assertEquals("7052", request.getMedicationCodeableConcept().getCodingFirstRep().getCode());
        var rate = request.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getRateQuantity();
        assertEquals("ug/d", rate.getCode(), "UCUM writes micrograms ug, never mcg");
        assertEquals(0, new java.math.BigDecimal("100").compareTo(rate.getValue()));
        // The day's bolus maximum, by hand: 12.5 ug x 4 boluses = 50 ug per 1 d.
        var max = request.getDosageInstruction().get(1).getMaxDosePerPeriod();
        assertEquals(0, new java.math.BigDecimal("50.0").compareTo(max.getNumerator().getValue()));
        assertEquals("ug", max.getNumerator().getCode());
        assertTrue(!fhir.json(request).contains("mcg"));
    }

    @Test
    void aTrialPainScoreIsLoinc72514dash3AndPasses() {
        var observation = fhir.painScore("nrs-1", "PT-77", 3, OffsetDateTime.parse("2026-11-26T10:00:00Z"));
        assertValid(observation);
        assertEquals("72514-3", observation.getCode().getCodingFirstRep().getCode());
        assertEquals(3, observation.getValueIntegerType().getValue());
    }

    /** An audit.recorded payload as the chassis writes it (AuditEntry.asEvent): a theatre list read naming two patients. */
    static String auditRecorded(String id, String recorded, String... patients) {
        StringBuilder entities = new StringBuilder();
        for (String patient : patients) {
            entities.append("""
                    {"what":{"identifier":{"value":"%s"}},
                     "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"1","display":"Person"},
                     "role":{"system":"http://terminology.hl7.org/CodeSystem/object-role","code":"1","display":"Patient"}},"""
                    .formatted(patient));
        }
        return """
                {"resourceType":"AuditEvent","id":"%s",
                 "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest","display":"RESTful Operation"},
                 "action":"R","recorded":"%s","outcome":"0","outcomeDesc":"HTTP 200",
                 "agent":[{"who":{"identifier":{"value":"dr.okafor@st-mary.example"}},"role":[{"text":"clinician"}],"requestor":true}],
                 "source":{"observer":{"display":"implant-service"}},
                 "entity":[%s{"what":{"display":"GET /theatre-list?day=2026-11-26"},
                   "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"2","display":"System Object"}}]}"""
                .formatted(id, recorded, entities);
    }

    static AuditEventsConsumer.AuditRecorded read(String json) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(json, AuditEventsConsumer.AuditRecorded.class);
    }

    @Test
    void aServicesAuditRecordIsAnAuditEventNamingEachPatientAndPasses() throws Exception {
        String id = "a0000000-0000-4000-8000-000000000001";
        org.hl7.fhir.r4.model.AuditEvent e = fhir.auditEvent(
                read(auditRecorded(id, "2026-11-26T12:00:00.123456Z", "PT-77", "PT-78")).toRecord());
        assertValid(e);
        assertEquals(id, e.getIdElement().getIdPart());
        assertEquals("R", e.getAction().toCode());
        assertEquals("0", e.getOutcome().toCode());
        // the source's microseconds as a FHIR instant in milliseconds
        assertEquals("2026-11-26T12:00:00.123Z", e.getRecordedElement().getValueAsString());
        assertEquals("dr.okafor@st-mary.example", e.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertEquals("clinician", e.getAgentFirstRep().getRoleFirstRep().getText());
        assertEquals("implant-service", e.getSource().getObserver().getDisplay());
        assertEquals(3, e.getEntity().size());
        assertEquals("urn:oid:1.2.3.4.5", e.getEntity().get(0).getWhat().getIdentifier().getSystem());
        assertEquals("PT-77", e.getEntity().get(0).getWhat().getIdentifier().getValue());
        assertEquals("PT-78", e.getEntity().get(1).getWhat().getIdentifier().getValue());
        assertEquals("Patient", e.getEntity().get(1).getWhat().getType());
        assertEquals("GET /theatre-list?day=2026-11-26", e.getEntity().get(2).getWhat().getDisplay());
        // RFC 3339 without seconds (OffsetDateTime.toString() of a whole minute) is still a valid FHIR instant here
        org.hl7.fhir.r4.model.AuditEvent minute = fhir.auditEvent(new org.itpump.gateway.domain.AuditRecord(id,
                new org.itpump.gateway.domain.AuditRecord.Coded("http://terminology.hl7.org/CodeSystem/audit-event-type",
                        "rest", "RESTful Operation"), "E", OffsetDateTime.parse("2026-11-26T12:00Z"), "4", "HTTP 403",
                java.util.List.of(new org.itpump.gateway.domain.AuditRecord.Agent("system:implant-service", java.util.List.of(), false)),
                "implant-service", java.util.List.of("PT-77"), java.util.List.of()));
        assertValid(minute);
        assertEquals("2026-11-26T12:00:00.000Z", minute.getRecordedElement().getValueAsString());
    }

    @Test
    void anAuditRecordWhosePatientHasNoReferenceIsRefusedWithItsReason() throws Exception {
        String json = auditRecorded("a0000000-0000-4000-8000-000000000002", "2026-11-26T12:00:00Z", "PT-77")
                .replace("{\"what\":{\"identifier\":{\"value\":\"PT-77\"}}", "{\"what\":{\"display\":\"someone\"}");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(org.itpump.chassis.inbox.PoisonEventException.class,
                () -> read(json).toRecord());
        assertEquals("audit.recorded a0000000-0000-4000-8000-000000000002: a Patient entity without what.identifier.value"
                + " (the patient reference)", refused.getMessage());
    }
}
