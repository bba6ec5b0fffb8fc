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
}
