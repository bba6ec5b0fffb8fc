package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.SecurityMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.itpump.chassis.security.Roles.*;
import static org.itpump.testing.RoleViews.asStaff;
import static org.itpump.testing.RoleViews.fieldNames;
import static org.itpump.testing.RoleViews.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Least privilege (issue 14): ops reads a pump therapy's operational state, never its doses. */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class PumpTherapyViewsTest {

    /** A therapy opened by implant.completed (40 mL pump), programmed with morphine 10 mg/mL, 0.5 mg/d (the top of the library's starting range: no override). */
    private Map<String, String> programmedTherapy() {
        String pathwayId = UUID.randomUUID().toString();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.completed", pathwayId,
                    ContractSamples.implantCompleted(pathwayId, UUID.randomUUID().toString()));
        }
        String therapyId = asStaff(() -> {
            List<Map<String, Object>> found = Await.until(() -> given().queryParam("pathwayId", pathwayId)
                            .get("/pump-therapies").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                    list -> !list.isEmpty(), "the therapy of pathway " + pathwayId);
            String id = (String) found.get(0).get("therapyId");
            given().contentType(ContentType.JSON).body(Map.of("drug", "morphine", "concentrationPerMl", 10,
                            "concentrationUnit", "mg/mL", "dailyDose", 0.5, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS"))
                    .post("/pump-therapies/{id}/programs", id).then().statusCode(201);
            return id;
        });
        return Map.of("pathwayId", pathwayId, "therapyId", therapyId);
    }

    @Test
    void opsSeesTheTherapysStateButNoDoseOrVolume() {
        Map<String, String> t = programmedTherapy();
        JsonNode one = read("/pump-therapies/" + t.get("therapyId"), OPS);
        JsonNode listed = read("/pump-therapies?pathwayId=" + t.get("pathwayId"), OPS).get(0);
        for (JsonNode view : new JsonNode[]{one, listed}) {
            assertEquals(t.get("therapyId"), view.path("therapyId").asText());
            assertEquals("ACTIVE", view.path("status").asText(), view.toString());
            for (String clinical : new String[]{"reservoirVolumeMl", "lowReservoirAlarmMl", "endReason", "patientRef",
                    "dailyDose", "concentrationPerMl", "drug"}) {
                assertFalse(fieldNames(view).contains(clinical), clinical + " in " + view);
            }
        }
        for (String doses : new String[]{"programs", "refills", "refill-plans"}) {
            given().auth().oauth2(SecurityMatrix.token(OPS)).get("/pump-therapies/{id}/" + doses, t.get("therapyId"))
                    .then().statusCode(403);
        }
    }

    @Test
    void cliniciansPharmacistsAndIntegrationReadTheDoses() {
        Map<String, String> t = programmedTherapy();
        for (String role : new String[]{CLINICIAN, NURSE, PHARMACIST, INTEGRATION}) {
            assertEquals(40, read("/pump-therapies/" + t.get("therapyId"), role).path("reservoirVolumeMl").asInt(), role);
            JsonNode programs = read("/pump-therapies/" + t.get("therapyId") + "/programs", role);
            assertEquals(0.5, programs.get(0).path("dailyDose").asDouble(), role + ": " + programs);
        }
        // ops with integration: the wider, published view
        assertTrue(read("/pump-therapies/" + t.get("therapyId"), OPS, INTEGRATION).has("reservoirVolumeMl"));
    }
}
