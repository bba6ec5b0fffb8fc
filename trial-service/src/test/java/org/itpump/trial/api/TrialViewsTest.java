package org.itpump.trial.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.SecurityMatrix;
import org.itpump.trial.TrialTestSupport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.itpump.chassis.security.Roles.*;
import static org.itpump.testing.RoleViews.asStaff;
import static org.itpump.testing.RoleViews.fieldNames;
import static org.itpump.testing.RoleViews.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Least privilege (issue 14): ops reads a trial without its clinical values; integration without the unpublished note. */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class TrialViewsTest {

    /** Started at NRS 7, two assessments (NRS 3), decided (relief (7-3)/7 = 57 % passes), cancelled with a note. */
    private String cancelledTrial() {
        return asStaff(() -> {
            String trialId = (String) TrialTestSupport.startTrial(7).get("trialId");
            TrialTestSupport.assess(trialId, 3);
            TrialTestSupport.assess(trialId, 3);
            given().when().post("/trials/{id}/decision", trialId).then().statusCode(200);
            given().contentType(ContentType.JSON).body(Map.of("reason", "PATIENT_WITHDREW", "note", "moving abroad"))
                    .when().post("/trials/{id}/cancellation", trialId).then().statusCode(200);
            return trialId;
        });
    }

    @Test
    void opsSeesNoPainScoresDosesOrDecisionFigures() {
        String trialId = cancelledTrial();
        JsonNode one = read("/trials/" + trialId, OPS);
        assertEquals(2, one.path("assessmentCount").asInt(), one.toString());
        JsonNode listed = null;
        for (JsonNode trial : read("/trials?status=CANCELLED&limit=200&from=" + java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(1)
                + "&to=" + java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusHours(1), OPS)) {
            if (trialId.equals(trial.path("trialId").asText())) {
                listed = trial;
            }
        }
        assertTrue(listed != null, "the trial is listed");
        for (JsonNode view : new JsonNode[]{one, listed}) {
            assertEquals("CANCELLED", view.path("status").asText());
            assertTrue(view.path("decidedAt").isTextual() && view.path("cancelledAt").isTextual(), view.toString());
            for (String clinical : new String[]{"baselineNrs", "nrs", "assessments", "decision", "reliefPercent",
                    "drug", "dose", "doseUnit", "cancellation", "note", "patientRef", "indication"}) {
                assertFalse(fieldNames(view).contains(clinical), clinical + " in " + view);
            }
        }
    }

    @Test
    void integrationGetsThePublishedTrialWithoutTheCancellationNote() {
        String trialId = cancelledTrial();
        JsonNode view = read("/trials/" + trialId, INTEGRATION);
        assertEquals(7, view.path("baselineNrs").asInt());
        assertEquals(2, view.path("assessments").size());
        assertEquals("PATIENT_WITHDREW", view.path("cancellation").path("reason").asText());
        assertFalse(view.path("cancellation").has("note"), view.toString());
        assertFalse(view.toString().contains("moving abroad"), view.toString());
        // integration with ops: still the published view, no note; a clinician reads the note
        assertFalse(read("/trials/" + trialId, INTEGRATION, OPS).toString().contains("moving abroad"));
        assertEquals("moving abroad", read("/trials/" + trialId, CLINICIAN).path("cancellation").path("note").asText());
        assertEquals("moving abroad", read("/trials/" + trialId, NURSE, INTEGRATION).path("cancellation").path("note").asText());
    }

    @Test
    void opsMayNotReadACandidate() {
        String candidateId = asStaff(() -> TrialTestSupport.registerCandidate("PT-VIEW"));
        given().auth().oauth2(SecurityMatrix.token(OPS)).when().get("/candidates/{id}", candidateId)
                .then().statusCode(403);
    }
}
