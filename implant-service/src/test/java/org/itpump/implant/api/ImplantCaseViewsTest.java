package org.itpump.implant.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.itpump.chassis.security.Roles.*;
import static org.itpump.implant.ImplantTestSupport.TOMORROW_9AM;
import static org.itpump.implant.ImplantTestSupport.booking;
import static org.itpump.implant.ImplantTestSupport.openCase;
import static org.itpump.implant.ImplantTestSupport.registerRoom;
import static org.itpump.implant.ImplantTestSupport.registerSurgeon;
import static org.itpump.testing.RoleViews.asStaff;
import static org.itpump.testing.RoleViews.fieldNames;
import static org.itpump.testing.RoleViews.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Least privilege (issue 14): each role reads an implant case in the view its work needs. */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class ImplantCaseViewsTest {

    /** A booked case: ContractSamples.trialPassed carries a baseline NRS, the booking a theatre slot. */
    private String bookedCase(String pathwayId) {
        return asStaff(() -> {
            String caseId = openCase(pathwayId);
            given().contentType(ContentType.JSON).body(booking(registerRoom(), registerSurgeon(), TOMORROW_9AM, 90))
                    .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
            return caseId;
        });
    }

    @Test
    void aSchedulersViewCarriesNoNrsButWhatBookingNeeds() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = bookedCase(pathwayId);

        JsonNode one = read("/implant-cases/" + caseId, SCHEDULER);
        JsonNode listed = read("/implant-cases?pathwayId=" + pathwayId, SCHEDULER).get(0);
        for (JsonNode view : new JsonNode[]{one, listed}) {
            assertFalse(fieldNames(view).contains("baselineNrs"), view.toString());
            assertFalse(view.has("procedure") || view.has("reservoirVolumeMl") || view.has("closeReason")
                    || view.has("explantReason"), view.toString());
            assertEquals(caseId, view.path("caseId").asText());
            assertEquals("SCHEDULED", view.path("status").asText());
            assertTrue(view.path("bookingId").isTextual(), view.toString());
            assertTrue(view.path("patientRef").isTextual(), view.toString());
            assertTrue(view.path("preOpMissing").isArray(), view.toString());
        }
        // the history's detail lines (device, clinical reasons) are withheld; the booking line itself is there
        JsonNode history = read("/implant-cases/" + caseId + "/history", SCHEDULER);
        assertTrue(history.toString().contains("surgery booked"), history.toString());
        history.forEach(line -> assertTrue(line.path("detail").isNull(), line.toString()));
    }

    @Test
    void opsSeesOperationalMetadataOnly() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = bookedCase(pathwayId);

        JsonNode one = read("/implant-cases/" + caseId, OPS);
        JsonNode listed = read("/implant-cases?pathwayId=" + pathwayId, OPS).get(0);
        for (JsonNode view : new JsonNode[]{one, listed}) {
            assertFalse(fieldNames(view).contains("baselineNrs"), view.toString());
            assertFalse(view.has("patientRef") || view.has("procedure") || view.has("closeReason"), view.toString());
            assertEquals("SCHEDULED", view.path("status").asText());
            // no pre-op item confirmed yet: all four of PreOpItem missing (consent, anticoagulation, infection screen, imaging)
            assertEquals(4, view.path("preOpMissingCount").asInt(), view.toString());
        }
    }

    /** The booking of {@code caseId} on the theatre list of its day (TOMORROW_9AM), as a caller with {@code roles}. */
    private static JsonNode listedBooking(String caseId, String... roles) {
        JsonNode list = read("/theatre-list?limit=200&date=" + TOMORROW_9AM.substring(0, 10), roles);
        for (JsonNode room : list) {
            for (JsonNode booking : room.path("bookings")) {
                if (caseId.equals(booking.path("caseId").asText())) {
                    assertFalse(fieldNames(list).contains("baselineNrs"), list.toString());
                    return booking;
                }
            }
        }
        throw new AssertionError("case " + caseId + " not on the theatre list: " + list);
    }

    @Test
    void theTheatreListGivesSchedulersThePatientAndSlotAndOpsNoPatient() {
        String caseId = bookedCase(UUID.randomUUID().toString());
        // ContractSamples.trialPassed's patient; the slot booked for 90 minutes from TOMORROW_9AM
        JsonNode scheduling = listedBooking(caseId, SCHEDULER);
        assertEquals("PT-77", scheduling.path("patientRef").asText(), scheduling.toString());
        assertTrue(scheduling.path("start").isTextual() && scheduling.path("end").isTextual(), scheduling.toString());
        assertTrue(scheduling.path("surgeon").path("surgeonId").isTextual(), scheduling.toString());
        assertEquals(Set.of("bookingId", "caseId", "patientRef", "start", "end", "surgeon", "surgeonId", "name",
                "staffRef"), fieldNames(scheduling));
        JsonNode operational = listedBooking(caseId, OPS);
        assertEquals(Set.of("bookingId", "caseId", "start", "end", "surgeon", "surgeonId", "name", "staffRef"),
                fieldNames(operational));
        assertEquals(scheduling.path("start").asText(), operational.path("start").asText());
        assertEquals(scheduling.path("bookingId").asText(), operational.path("bookingId").asText());
    }

    @Test
    void cliniciansAndIntegrationSeeTheWholeCaseAndSeveralRolesGetTheWidest() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = bookedCase(pathwayId);
        for (String[] roles : new String[][]{{CLINICIAN}, {NURSE}, {INTEGRATION}, {SCHEDULER, CLINICIAN}, {OPS, SCHEDULER, INTEGRATION}}) {
            JsonNode view = read("/implant-cases/" + caseId, roles);
            assertTrue(view.path("baselineNrs").isInt(), String.join(",", roles) + ": " + view);
        }
        // scheduler + ops: the scheduling view, the wider of the two
        JsonNode both = read("/implant-cases/" + caseId, OPS, SCHEDULER);
        assertTrue(both.has("patientRef") && !both.has("baselineNrs"), both.toString());
        assertNull(both.get("preOpMissingCount"));
    }
}
