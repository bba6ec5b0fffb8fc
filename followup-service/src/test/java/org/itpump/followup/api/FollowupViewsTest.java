package org.itpump.followup.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.itpump.chassis.security.Roles.*;
import static org.itpump.followup.FollowupTestSupport.openPlan;
import static org.itpump.testing.RoleViews.asStaff;
import static org.itpump.testing.RoleViews.fieldNames;
import static org.itpump.testing.RoleViews.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Least privilege (issue 14): ops reads plans and escalations without complication details or outcome values. */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class FollowupViewsTest {

    private static final Instant SURGERY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS)
            .plus(8, ChronoUnit.HOURS);
    private static final String[] CLINICAL = {"baselineNrs", "startedDrug", "complications", "outcomes", "painNrs",
            "kind", "severity", "features", "suspicion", "action", "cause", "ruleId", "endReason", "patientRef",
            "device", "discharge", "choices"};

    /** A plan with one severe headache with fever and neck stiffness (three escalations) and one outcome (NRS 3). */
    private String[] planWithComplicationAndOutcome() {
        String pathwayId = UUID.randomUUID().toString();
        return asStaff(() -> {
            String planId = openPlan(pathwayId, UUID.randomUUID().toString(), SURGERY);
            given().contentType(ContentType.JSON).body(Map.of("kind", "SEVERE_HEADACHE", "severity", "SEVERE",
                            "onsetAt", Instant.now().minus(2, ChronoUnit.HOURS).toString(),
                            "features", List.of("FEVER", "NECK_STIFFNESS")))
                    .post("/monitoring-plans/{id}/complications", planId).then().statusCode(201);
            given().contentType(ContentType.JSON).body(Map.of("painNrs", 3, "rigidityScore", 2, "spasmScore", 1,
                    "oralMmePerDay", 0)).post("/monitoring-plans/{id}/outcomes", planId).then().statusCode(201);
            return new String[]{pathwayId, planId};
        });
    }

    /** The plan's rows on the due-milestone worklist (the next 7 days), as a caller with {@code roles}. */
    private static List<JsonNode> dueRows(String planId, String... roles) {
        List<JsonNode> rows = new java.util.ArrayList<>();
        read("/monitoring-plans/due?limit=200", roles).forEach(row -> {
            if (planId.equals(row.path("planId").asText())) {
                rows.add(row);
            }
        });
        return rows;
    }

    @Test
    void opsSeesWhenMilestonesFallDueButNotWhoseOrWhat() {
        String[] plan = planWithComplicationAndOutcome();
        // surgery yesterday: of its milestones only the wound check (day 7) falls in the next 7 days
        List<JsonNode> clinical = dueRows(plan[1], NURSE);
        assertEquals(1, clinical.size(), clinical.toString());
        assertEquals("PT-77", clinical.get(0).path("patientRef").asText(), "ContractSamples.implantCompleted's patient");
        assertEquals("WOUND_CHECK", clinical.get(0).path("subject").asText());
        List<JsonNode> operational = dueRows(plan[1], OPS);
        assertEquals(1, operational.size(), operational.toString());
        assertEquals(java.util.Set.of("planId", "pathwayId", "milestone", "dueAt"), fieldNames(operational.get(0)));
        assertEquals("VISIT_DUE", operational.get(0).path("milestone").asText());
        assertEquals(clinical.get(0).path("dueAt").asText(), operational.get(0).path("dueAt").asText());
    }

    @Test
    void opsSeesCountsNotComplicationsOrOutcomeValues() {
        String[] plan = planWithComplicationAndOutcome();
        JsonNode one = read("/monitoring-plans/" + plan[1], OPS);
        // one complication, one outcome, its three escalations all still open
        assertEquals(1, one.path("complicationCount").asInt(), one.toString());
        assertEquals(1, one.path("outcomeCount").asInt(), one.toString());
        assertEquals(3, one.path("openEscalationCount").asInt(), one.toString());
        JsonNode listed = read("/monitoring-plans?pathwayId=" + plan[0], OPS).get(0);
        for (JsonNode view : new JsonNode[]{one, listed}) {
            assertEquals("ACTIVE", view.path("status").asText(), view.toString());
            for (String clinical : CLINICAL) {
                assertFalse(fieldNames(view).contains(clinical), clinical + " in " + view);
            }
        }
        JsonNode escalations = read("/escalations?open=true&limit=200", OPS);
        JsonNode ours = null;
        for (JsonNode e : escalations) {
            if (plan[1].equals(e.path("planId").asText())) {
                ours = e;
            }
        }
        assertTrue(ours != null, "an escalation of the plan is listed");
        JsonNode detail = read("/escalations/" + ours.path("escalationId").asText(), OPS);
        for (JsonNode view : new JsonNode[]{ours, detail}) {
            assertTrue(view.path("open").asBoolean() && view.path("urgency").isTextual(), view.toString());
            for (String clinical : CLINICAL) {
                assertFalse(fieldNames(view).contains(clinical), clinical + " in " + view);
            }
        }
    }

    @Test
    void cliniciansAndIntegrationSeeThePlansClinicalContent() {
        String[] plan = planWithComplicationAndOutcome();
        for (String[] roles : new String[][]{{CLINICIAN}, {NURSE}, {INTEGRATION}, {OPS, INTEGRATION}}) {
            JsonNode view = read("/monitoring-plans/" + plan[1], roles);
            assertEquals(3, view.path("outcomes").get(0).path("painNrs").asInt(), view.toString());
            assertEquals("SEVERE_HEADACHE", view.path("complications").get(0).path("kind").asText());
        }
        JsonNode ours = null;
        for (JsonNode e : read("/escalations?open=true&limit=200", NURSE)) {
            if (plan[1].equals(e.path("planId").asText())) {
                ours = e;
            }
        }
        assertTrue(ours != null && ours.path("suspicion").isTextual(), String.valueOf(ours));
    }
}
