package org.itpump.implant.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.itpump.implant.ImplantTestSupport.TOMORROW_9AM;
import static org.itpump.implant.ImplantTestSupport.booking;
import static org.itpump.implant.ImplantTestSupport.confirmPreOp;
import static org.itpump.implant.ImplantTestSupport.openCase;
import static org.itpump.implant.ImplantTestSupport.procedure;
import static org.itpump.implant.ImplantTestSupport.registerRoom;
import static org.itpump.implant.ImplantTestSupport.registerSurgeon;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class ImplantCaseResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theWholeCaseBookRescheduleCompleteExplantWithSiuShapedEvents() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = openCase(pathwayId);
        String room = registerRoom();
        String otherRoom = registerRoom();
        String staffRef = "STAFF-" + UUID.randomUUID().toString().substring(0, 8);
        String surgeon = given().contentType(ContentType.JSON).body(Map.of("name", "Dr A. Surgeon", "staffRef", staffRef))
                .when().post("/surgeons").then().statusCode(201).extract().path("surgeonId");
        given().queryParam("status", "AWAITING_SCHEDULING").when().get("/implant-cases")
                .then().statusCode(200).body("caseId", hasItem(caseId));

        String bookingId = given().contentType(ContentType.JSON).body(booking(room, surgeon, TOMORROW_9AM, 120))
                .when().post("/implant-cases/{id}/booking", caseId)
                .then().statusCode(200).body("status", equalTo("SCHEDULED")).body("bookingId", notNullValue())
                .extract().path("bookingId");
        String later = OffsetDateTime.parse(TOMORROW_9AM).plusHours(4).toString();
        Map<String, Object> moved = new java.util.HashMap<>(booking(otherRoom, surgeon, later, 150));
        moved.put("reason", "emergency case took the morning");
        moved.put("reasonCode", "CLINICAL_PRIORITY");
        given().contentType(ContentType.JSON).body(moved).when().put("/implant-cases/{id}/booking", caseId)
                .then().statusCode(200);
        confirmPreOp(caseId);
        // issue 15: the pump's lot, expiry and UDI, and the catheter device, as on their labels
        Map<String, Object> note = new java.util.HashMap<>(procedure(20));
        note.put("device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II", "serialNumber", "NGP123456H",
                "reservoirVolumeMl", 20, "lotNumber", "LOT-8637-20", "expiresOn", "2028-06-30",
                "udi", "(01)00643169001763(17)280630(10)LOT-8637-20(21)NGP123456H"));
        note.put("catheter", Map.of("manufacturer", "Medtronic", "model", "Ascenda 8781", "lotNumber", "CATH-LOT-77",
                "expiresOn", "2027-12-31"));
        given().contentType(ContentType.JSON).body(note)
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("reservoirVolumeMl", equalTo(20))
                .body("procedure.catheterTipLevel", equalTo("T10"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "INFECTION"))
                .when().post("/implant-cases/{id}/explant", caseId)
                .then().statusCode(200).body("status", equalTo("EXPLANTED"));

        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            JsonNode scheduled = assertContract(probe.await(ofType("implant.scheduled", pathwayId), WAIT));
            assertEquals(120, scheduled.path("durationMinutes").asInt());
            assertEquals("62362", scheduled.path("procedure").path("code").asText());
            // issue 15: the surgeon's staff id (SIU AIP-3) and the hospital's zone; no reason code on a new booking
            assertEquals(staffRef, scheduled.path("surgeon").path("staffId").asText());
            assertEquals("UTC", scheduled.path("hospitalTimeZone").asText());
            assertTrue(scheduled.path("reasonCode").isMissingNode(), "left out, not null");
            // issue 15: who booked (SIU SCH-20), the caller from the security identity, as updatedBy
            assertEquals("test-staff", scheduled.path("enteredBy").asText());
            JsonNode rescheduled = assertContract(probe.await(ofType("implant.rescheduled", pathwayId), WAIT));
            assertEquals("emergency case took the morning", rescheduled.path("reason").asText());
            assertEquals("CLINICAL_PRIORITY", rescheduled.path("reasonCode").asText());
            assertEquals("test-staff", rescheduled.path("enteredBy").asText());
            assertEquals(otherRoom, rescheduled.path("operatingRoom").path("id").asText());
            assertEquals(OffsetDateTime.parse(TOMORROW_9AM).toInstant(),
                    OffsetDateTime.parse(rescheduled.path("previousStart").asText()).toInstant());
            JsonNode completed = assertContract(probe.await(ofType("implant.completed", pathwayId), WAIT));
            assertEquals(caseId, completed.path("caseId").asText());
            assertEquals(bookingId, completed.path("bookingId").asText(), "the booking the surgery fulfilled");
            assertEquals("test-staff", completed.path("enteredBy").asText(), "who recorded the completion");
            assertEquals(20, completed.path("device").path("reservoirVolumeMl").asInt());
            assertEquals("LOT-8637-20", completed.path("device").path("lotNumber").asText());
            assertEquals("2028-06-30", completed.path("device").path("expiresOn").asText());
            assertEquals("(01)00643169001763(17)280630(10)LOT-8637-20(21)NGP123456H", completed.path("device").path("udi").asText());
            assertEquals("Ascenda 8781", completed.path("catheter").path("model").asText());
            assertEquals("CATH-LOT-77", completed.path("catheter").path("lotNumber").asText());
            assertEquals("2027-12-31", completed.path("catheter").path("expiresOn").asText());
            assertTrue(completed.path("catheter").path("serialNumber").isMissingNode(), "not given: left out");
            assertEquals(8, completed.path("baselineNrs").asInt(), "the pre-trial baseline travels on");
            assertEquals("INFECTION", assertContract(probe.await(ofType("implant.explanted", pathwayId), WAIT))
                    .path("reason").asText());
        }
        List<String> history = given().when().get("/implant-cases/{id}/history", caseId)
                .then().statusCode(200).extract().jsonPath().getList("what");
        assertEquals(List.of("case opened", "surgery booked", "surgery rescheduled", "pre-op checklist",
                "implant completed", "pump explanted"), history);
    }

    @Test
    void aCancelledBookingFreesTheSlotAndTheCaseAwaitsSchedulingAgain() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = openCase(pathwayId);
        String room = registerRoom();
        String surgeon = registerSurgeon();
        given().contentType(ContentType.JSON).body(booking(room, surgeon, TOMORROW_9AM, 120))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("reason", "patient unwell", "reasonCode", "PATIENT_UNWELL"))
                .when().post("/implant-cases/{id}/booking/cancellation", caseId)
                .then().statusCode(200).body("status", equalTo("AWAITING_SCHEDULING"));
        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            JsonNode cancelled = assertContract(probe.await(ofType("implant.cancelled", pathwayId), WAIT));
            assertEquals("CANCELLED", cancelled.path("appointmentStatus").asText());
            assertEquals("patient unwell", cancelled.path("reason").asText());
            assertEquals("PATIENT_UNWELL", cancelled.path("reasonCode").asText());
            assertEquals("test-staff", cancelled.path("enteredBy").asText());
        }
        String otherCase = openCase(UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(booking(room, surgeon, TOMORROW_9AM, 120))
                .when().post("/implant-cases/{id}/booking", otherCase).then().statusCode(200);
    }

    @Test
    void theTheatreListShowsTheDayPerRoom() {
        String caseId = openCase(UUID.randomUUID().toString());
        String room = registerRoom();
        String surgeon = registerSurgeon();
        given().contentType(ContentType.JSON).body(booking(room, surgeon, TOMORROW_9AM, 90))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
        String day = TOMORROW_9AM.substring(0, 10);
        List<Map<String, Object>> rooms = given().queryParam("date", day).queryParam("limit", 200).when().get("/theatre-list")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> ours = rooms.stream().filter(r -> room.equals(r.get("operatingRoomId"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bookings = (List<Map<String, Object>>) ours.get("bookings");
        assertEquals(1, bookings.size());
        assertEquals(caseId, bookings.get(0).get("caseId"));
        assertEquals("PT-77", bookings.get(0).get("patientRef"));
        given().queryParam("date", "tomorrow").when().get("/theatre-list").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'date'"));
        given().when().get("/theatre-list").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void completionWaitsForThePreOpChecklistAndNamesWhatIsMissing() {
        String caseId = openCase(UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(booking(registerRoom(), registerSurgeon(), TOMORROW_9AM, 120))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("confirmed", List.of("CONSENT_SIGNED", "IMAGING_REVIEWED")))
                .when().put("/implant-cases/{id}/pre-op-checklist", caseId)
                .then().statusCode(200).body("preOpMissing", hasSize(2));
        given().contentType(ContentType.JSON).body(procedure(40))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasItem("missing: ANTICOAGULATION_HELD"))
                .body("errors", hasItem("missing: INFECTION_SCREEN_CLEAR"));
    }

    @Test
    void transitionsTheStateForbidsAre409() {
        String caseId = openCase(UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(procedure(20))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("AWAITING_SCHEDULING cannot become COMPLETED"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "INFECTION"))
                .when().post("/implant-cases/{id}/explant", caseId).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/implant-cases/{id}/booking/cancellation", caseId).then().statusCode(409);
    }

    @Test
    void clinicalRulesAnswer422AndBadBodies400() {
        String caseId = openCase(UUID.randomUUID().toString());
        String room = registerRoom();
        String surgeon = registerSurgeon();
        given().contentType(ContentType.JSON).body(booking(room, surgeon, "2020-01-01T08:00:00Z", 120))
                .when().post("/implant-cases/{id}/booking", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("in the future"));
        given().contentType(ContentType.JSON).body(booking(room, surgeon, TOMORROW_9AM, 10))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("operatingRoomId", room, "surgeonId", surgeon,
                        "start", "next tuesday", "durationMinutes", 60))
                .when().post("/implant-cases/{id}/booking", caseId)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(booking(UUID.randomUUID().toString(), surgeon, TOMORROW_9AM, 60))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(404);
        given().contentType(ContentType.JSON).body(booking(room, surgeon, TOMORROW_9AM, 120))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
        confirmPreOp(caseId);
        Map<String, Object> tipBelowEntry = new java.util.HashMap<>(procedure(20));
        tipBelowEntry.put("catheterTipLevel", "L4");
        given().contentType(ContentType.JSON).body(tipBelowEntry)
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(422).body("detail", containsString("at or above its entry"));
        given().contentType(ContentType.JSON).body(procedure(-5))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(400).body("errors", hasItem(containsString("reservoirVolumeMl")));
        given().contentType(ContentType.JSON).body(procedure(60))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(422).body("detail", containsString("at most 40 mL"));
    }

    @Test
    void eachPreOpChecklistChangeIsPublishedWithWhatIsOutstandingAndWho() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = openCase(pathwayId);
        given().contentType(ContentType.JSON).body(Map.of("confirmed", List.of("CONSENT_SIGNED", "IMAGING_REVIEWED")))
                .when().put("/implant-cases/{id}/pre-op-checklist", caseId).then().statusCode(200);
        confirmPreOp(caseId);
        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            var first = probe.await(ofType("implant.pre-op-checklist-updated", pathwayId), WAIT);
            var second = probe.await(ofType("implant.pre-op-checklist-updated", pathwayId)
                    .and(record -> record.offset() > first.offset()), WAIT);
            JsonNode partial = assertContract(first);
            assertEquals(caseId, partial.path("caseId").asText());
            // checklist order: consent, anticoagulation, infection screen, imaging
            assertEquals("[\"CONSENT_SIGNED\",\"IMAGING_REVIEWED\"]", partial.path("confirmed").toString());
            assertEquals("[\"ANTICOAGULATION_HELD\",\"INFECTION_SCREEN_CLEAR\"]", partial.path("outstanding").toString());
            assertEquals(false, partial.path("complete").asBoolean());
            assertEquals("test-staff", partial.path("updatedBy").asText(), "the caller, from the security identity");
            JsonNode complete = assertContract(second);
            assertEquals("[]", complete.path("outstanding").toString());
            assertEquals(true, complete.path("complete").asBoolean());
        }
    }

    @Test
    void roomsAndSurgeonsAreRegisteredOnce() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Theatre 7"))
                .when().post("/operating-rooms").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "Theatre 7"))
                .when().post("/operating-rooms").then().statusCode(409).contentType("application/problem+json");
        given().queryParam("limit", 200).when().get("/operating-rooms").then().statusCode(200).body("name", hasItem("Theatre 7"));
        given().contentType(ContentType.JSON).body(Map.of("name", ""))
                .when().post("/surgeons").then().statusCode(400);
    }

    @Test
    void unknownCaseIs404() {
        given().when().get("/implant-cases/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/implant-cases/{id}/history", UUID.randomUUID()).then().statusCode(404);
    }
}
