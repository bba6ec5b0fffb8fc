package org.itpump.implant.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

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
