package org.itpump.gateway.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.itpump.gateway.GatewayKafkaTest;
import org.itpump.gateway.GatewayTestResource;
import org.itpump.gateway.messaging.FhirResources;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.itpump.chassis.security.Roles.CLINICIAN;
import static org.itpump.chassis.security.Roles.INTEGRATION;
import static org.itpump.gateway.FhirChecks.assertValid;
import static org.itpump.gateway.GatewayTestSupport.IMPLANT_TOPIC;
import static org.itpump.gateway.GatewayTestSupport.SURGEON;
import static org.itpump.gateway.GatewayTestSupport.booking;
import static org.itpump.gateway.GatewayTestSupport.patientRef;
import static org.itpump.testing.SecurityMatrix.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The implant topic in; the FHIR REST API out, each resource checked by HAPI's validator. */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
@WithTestResource(GatewayTestResource.class)
class FhirApiTest extends GatewayKafkaTest {


    private static <T extends Resource> T read(Class<T> type, String path, String role) {
        String json = given().auth().oauth2(token(role)).get("/fhir/r4/" + path).then().statusCode(200)
                .contentType("application/fhir+json").extract().asString();
        return FhirResources.context().newJsonParser().parseResource(type, json);
    }

    private static int status(String path) {
        return given().auth().oauth2(token(INTEGRATION)).get("/fhir/r4/" + path).statusCode();
    }

    @Test
    void aBookedAndCompletedImplantIsServedAsValidAppointmentProcedureAndDevices() {
        String pathway = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String bookingId = UUID.randomUUID().toString();
        String patient = patientRef();
        events.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.scheduled", pathway,
                booking(pathway, patient, caseId, bookingId, OffsetDateTime.parse("2026-11-26T12:00:00Z"), "BOOKED",
                        SURGEON, null, null));
        events.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.completed", pathway,
                ContractSamples.implantCompleted(pathway, caseId).replace("\"PT-77\"", "\"" + patient + "\""));

        Await.until(() -> status("Device/catheter-" + caseId), s -> s == 200, "the catheter Device served");
        Appointment appointment = read(Appointment.class, "Appointment/" + bookingId, CLINICIAN);
        assertValid(appointment);
        // implant.completed closes the appointment: FHIR "fulfilled" (HL7 filler status Complete).
        assertEquals("fulfilled", appointment.getStatus().toCode());

        Procedure procedure = read(Procedure.class, "Procedure/implant-" + caseId, INTEGRATION);
        assertValid(procedure);
        assertEquals("62362", procedure.getCode().getCodingFirstRep().getCode());
        assertEquals("Okafor", procedure.getPerformerFirstRep().getActor().getDisplay(), "the booked surgeon");
        assertEquals("Device/pump-" + caseId, procedure.getFocalDevice().get(0).getManipulated().getReference());
        assertEquals("Device/catheter-" + caseId, procedure.getFocalDevice().get(1).getManipulated().getReference());

        Device pump = read(Device.class, "Device/pump-" + caseId, INTEGRATION);
        assertValid(pump);
        assertEquals("NGP123456H", pump.getSerialNumber());
        assertEquals("SynchroMed II", pump.getModelNumber());

        // Search by patient and by the day of the surgery (13:30Z on 26 Nov 2026): both Devices.
        Bundle devices = read(Bundle.class, "Device?patient=" + patient + "&date=2026-11-26", INTEGRATION);
        assertValid(devices);
        assertEquals(2, devices.getTotal());
        Bundle none = read(Bundle.class, "Device?patient=" + patient + "&date=ge2026-11-27", INTEGRATION);
        assertEquals(0, none.getTotal());
    }

    @Test
    void aPumpProgramAndATrialPainScoreAreServedAsValidMedicationRequestAndObservation() {
        String pathway = UUID.randomUUID().toString();
        String programId = UUID.randomUUID().toString();
        String assessmentId = UUID.randomUUID().toString();
        String patient = patientRef();
        events.sendCloudEvent("itpump.dosing.events", UUID.randomUUID().toString(), "dosing.pump-programmed", pathway, """
                {"pathwayId":"%s","patientRef":"%s","therapyId":"%s","programId":"%s",
                 "program":{"drug":"sufentanil","doseUnit":"mcg","concentrationPerMl":500,"dailyDose":100,"mode":"SIMPLE_CONTINUOUS",
                            "drugCode":{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"56795","display":"sufentanil"},
                            "bolusDose":null,"bolusLockoutMinutes":null,"maxBolusesPerDay":null,"libraryVersion":1},
                 "previous":null,"programmedAt":"2026-11-27T09:00:00Z"}""".formatted(pathway, patient, UUID.randomUUID(), programId));
        events.sendCloudEvent("itpump.trial.events", UUID.randomUUID().toString(), "trial.assessment-recorded", pathway, """
                {"pathwayId":"%s","patientRef":"%s","trialId":"%s","assessmentId":"%s","nrs":3,
                 "assessedAt":"2026-11-26T10:00:00Z","minutesSinceDose":240,"oralMmePerDay":0}"""
                .formatted(pathway, patient, UUID.randomUUID(), assessmentId));

        Await.until(() -> status("MedicationRequest/program-" + programId), s -> s == 200, "the MedicationRequest served");
        org.hl7.fhir.r4.model.MedicationRequest request =
                read(org.hl7.fhir.r4.model.MedicationRequest.class, "MedicationRequest/program-" + programId, CLINICIAN);
        assertValid(request);
        // The event's RxNorm code (sufentanil is not in the gateway's own fallback table).
        assertEquals("56795", request.getMedicationCodeableConcept().getCodingFirstRep().getCode());
        // 100 mcg/day in the event is 100 ug/d in UCUM.
        assertEquals("ug/d", request.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getRateQuantity().getCode());
        Await.until(() -> status("Observation/nrs-" + assessmentId), s -> s == 200, "the Observation served");
        org.hl7.fhir.r4.model.Observation nrs =
                read(org.hl7.fhir.r4.model.Observation.class, "Observation/nrs-" + assessmentId, INTEGRATION);
        assertValid(nrs);
        assertEquals("72514-3", nrs.getCode().getCodingFirstRep().getCode());
        assertEquals(3, nrs.getValueIntegerType().getValue());
    }

    @Test
    void theMonitoringPlanIsAValidCarePlanWithItsVisitsAndAnEscalationAFlagUntilAcknowledged() {
        String pathway = UUID.randomUUID().toString();
        String planId = UUID.randomUUID().toString();
        String escalationId = UUID.randomUUID().toString();
        String patient = patientRef();
        String topic = "itpump.followup.events";
        events.sendCloudEvent(topic, UUID.randomUUID().toString(), "followup.monitoring-started", pathway, """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","implantCaseId":"%s","startedAt":"2026-11-26T14:00:00Z"}"""
                .formatted(pathway, patient, planId, UUID.randomUUID()));
        events.sendCloudEvent(topic, UUID.randomUUID().toString(), "followup.visit-due", pathway, """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","visit":"WOUND_CHECK","dueAt":"2026-11-28T09:00:00Z"}"""
                .formatted(pathway, patient, planId));
        events.sendCloudEvent(topic, UUID.randomUUID().toString(), "followup.complication-escalated", pathway, """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","complicationId":"%s","escalationId":"%s",
                 "ruleId":"fever-with-headache","urgency":"EMERGENCY","suspicion":"Meningitis",
                 "action":"Emergency review, lumbar puncture","escalatedAt":"2026-11-29T08:00:00Z"}"""
                .formatted(pathway, patient, planId, UUID.randomUUID(), escalationId));

        Await.until(() -> status("Flag/flag-" + escalationId), s -> s == 200, "the Flag served");
        org.hl7.fhir.r4.model.CarePlan plan = read(org.hl7.fhir.r4.model.CarePlan.class, "CarePlan/careplan-" + planId,
                CLINICIAN);
        assertValid(plan);
        assertEquals("active", plan.getStatus().toCode());
        assertEquals(1, plan.getActivity().size(), "the visit that fell due");
        assertEquals("WOUND_CHECK", plan.getActivityFirstRep().getDetail().getCode().getCodingFirstRep().getCode());
        assertEquals("scheduled", plan.getActivityFirstRep().getDetail().getStatus().toCode());
        org.hl7.fhir.r4.model.Flag flag = read(org.hl7.fhir.r4.model.Flag.class, "Flag/flag-" + escalationId, INTEGRATION);
        assertValid(flag);
        assertEquals("active", flag.getStatus().toCode());
        assertEquals("EMERGENCY", flag.getCode().getCodingFirstRep().getCode());

        events.sendCloudEvent(topic, UUID.randomUUID().toString(), "followup.escalation-acknowledged", pathway, """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","escalationId":"%s","ruleId":"fever-with-headache",
                 "urgency":"EMERGENCY","acknowledgedBy":"dr-okafor","acknowledgedAt":"2026-11-29T08:10:00Z","alertCount":1}"""
                .formatted(pathway, patient, planId, escalationId));
        events.sendCloudEvent(topic, UUID.randomUUID().toString(), "followup.monitoring-completed", pathway, """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","completedAt":"2026-12-24T14:00:00Z"}"""
                .formatted(pathway, patient, planId));
        org.hl7.fhir.r4.model.CarePlan done = Await.until(() -> read(org.hl7.fhir.r4.model.CarePlan.class,
                "CarePlan/careplan-" + planId, INTEGRATION), p -> p.getStatus().toCode().equals("completed"), "plan completed");
        assertValid(done);
        assertEquals("completed", done.getActivityFirstRep().getDetail().getStatus().toCode());
        org.hl7.fhir.r4.model.Flag inactive = read(org.hl7.fhir.r4.model.Flag.class, "Flag/flag-" + escalationId, INTEGRATION);
        assertValid(inactive);
        assertEquals("inactive", inactive.getStatus().toCode(), "acknowledged before the plan completed");
        Bundle flags = read(Bundle.class, "Flag?patient=" + patient, INTEGRATION);
        assertValid(flags);
        assertEquals(1, flags.getTotal());
    }

    @Test
    void theCapabilityStatementIsOpenAndValid() {
        String json = given().get("/fhir/r4/metadata").then().statusCode(200).extract().asString();
        CapabilityStatement cs = FhirResources.context().newJsonParser().parseResource(CapabilityStatement.class, json);
        assertValid(cs);
        assertEquals("4.0.1", cs.getFhirVersion().toCode());
        assertEquals(8, cs.getRestFirstRep().getResource().size());
        assertEquals("AuditEvent", cs.getRestFirstRep().getResource().get(7).getType());
    }

    @Test
    void unknownTypesIdsAndBadDatesAnswerAnOperationOutcome() {
        ExtractableResponse<Response> unknown = given().auth().oauth2(token(INTEGRATION))
                .get("/fhir/r4/Patient/1").then().statusCode(404).contentType("application/fhir+json").extract();
        assertValid(FhirResources.context().newJsonParser().parseResource(OperationOutcome.class, unknown.asString()));
        assertEquals(404, status("Procedure/implant-" + UUID.randomUUID()));
        assertEquals(400, status("Device?date=yesterday"));
        assertEquals(400, status("Device?_count=0"));
    }
}
