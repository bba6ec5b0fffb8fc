package org.itpump.followup.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.itpump.followup.FollowupTestSupport.FOLLOWUP_TOPIC;
import static org.itpump.followup.FollowupTestSupport.openPlan;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class MonitoringPlanResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Yesterday 08:00 UTC (the tests' hospital zone): its same-day discharge window is always in the past. */
    // two days ago, so that every time the tests put after it (the latest: 20 h later, the next day's 04:00 UTC) is in
    // the past whatever the time of day the suite runs (from yesterday 08:00, 20 h later was in the future before 04:00)
    private static final Instant SURGERY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS)
            .plus(8, ChronoUnit.HOURS);
    private static TopicProbe published;

    @BeforeAll
    static void connect() {
        published = new TopicProbe(PathwayTestResource.bootstrapServers(), FOLLOWUP_TOPIC);
    }

    @AfterAll
    static void close() {
        published.close();
    }

    private record Plan(String pathwayId, String planId) {
    }

    private static Plan newPlan() {
        String pathwayId = UUID.randomUUID().toString();
        return new Plan(pathwayId, openPlan(pathwayId, UUID.randomUUID().toString(), SURGERY));
    }

    private static Map<String, Object> choices() {
        Map<String, Object> choices = new HashMap<>(Map.of("observationHours", 4, "activityRestrictionWeeks", 8,
                "drivingRestrictionWeeks", 4, "oralMedicationWeeks", 3, "woundCheckDay", 7, "sutureRemovalDay", 14,
                "monitoringWindowWeeks", 12));
        return choices;
    }

    @Test
    void theDetailShowsTheScheduleDerivedFromTheImplant() {
        Plan plan = newPlan();
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("hospitalZone", equalTo("UTC"))
                .body("choices.drivingRestrictionWeeks", equalTo(4))
                .body("discharge.observationEndsAt", equalTo(SURGERY.plus(4, ChronoUnit.HOURS).toString()))
                .body("discharge.dischargedAt", nullValue())
                .body("restrictions", hasSize(5))
                .body("restrictions.find { it.kind == 'NO_DRIVING' }.endsAt", equalTo(SURGERY.plus(28, ChronoUnit.DAYS).toString()))
                .body("restrictions.find { it.kind == 'NO_DRIVING' }.inForce", equalTo(true))
                .body("visits.kind", equalTo(List.of("WOUND_CHECK", "SUTURE_REMOVAL", "RESTRICTION_REVIEW")))
                .body("oralMedicationEndsAt", equalTo(SURGERY.plus(21, ChronoUnit.DAYS).toString()))
                .body("monitoringWindowEndsAt", equalTo(SURGERY.plus(84, ChronoUnit.DAYS).toString()))
                .body("complications", hasSize(0)).body("outcomes", hasSize(0));
        given().queryParam("status", "ACTIVE").when().get("/monitoring-plans").then().statusCode(200)
                .body("planId", hasItem(plan.planId()));
        given().queryParam("status", "SLEEPING").when().get("/monitoring-plans").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'status'"));
    }

    @Test
    void choicesAreCheckedAgainstTheirRanges() {
        Plan plan = newPlan();
        Map<String, Object> twoWeeks = choices();
        twoWeeks.put("drivingRestrictionWeeks", 2);
        given().contentType(ContentType.JSON).body(twoWeeks).when().put("/monitoring-plans/{id}/choices", plan.planId())
                .then().statusCode(200)
                .body("restrictions.find { it.kind == 'NO_DRIVING' }.endsAt", equalTo(SURGERY.plus(14, ChronoUnit.DAYS).toString()))
                .body("timers.find { it.key == 'RESTRICTION_LIFTED:NO_DRIVING' }.dueAt",
                        equalTo(SURGERY.plus(14, ChronoUnit.DAYS).toString()));
        Map<String, Object> fiveWeeks = choices();
        fiveWeeks.put("drivingRestrictionWeeks", 5);
        given().contentType(ContentType.JSON).body(fiveWeeks).when().put("/monitoring-plans/{id}/choices", plan.planId())
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasItem("driving restriction must be 2 to 4 weeks, was 5"));
        Map<String, Object> missing = choices();
        missing.remove("woundCheckDay");
        given().contentType(ContentType.JSON).body(missing).when().put("/monitoring-plans/{id}/choices", plan.planId())
                .then().statusCode(400).body("errors", hasItem(containsString("woundCheckDay")));
        given().contentType(ContentType.JSON).body(choices()).when().put("/monitoring-plans/{id}/choices", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void theSameDayDischargeIsRecordedOnce() {
        Plan plan = newPlan();
        given().contentType(ContentType.JSON).body(Map.of("dischargedAt", SURGERY.plus(3, ChronoUnit.HOURS).toString()))
                .when().post("/monitoring-plans/{id}/discharge", plan.planId())
                .then().statusCode(422).body("detail", containsString("before the end of the 4 h observation"));
        given().contentType(ContentType.JSON).body(Map.of("dischargedAt", SURGERY.plus(20, ChronoUnit.HOURS).toString()))
                .when().post("/monitoring-plans/{id}/discharge", plan.planId())
                .then().statusCode(422).body("detail", containsString("day of surgery"));
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post("/monitoring-plans/{id}/discharge", plan.planId()).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("dischargedAt", "this afternoon"))
                .when().post("/monitoring-plans/{id}/discharge", plan.planId()).then().statusCode(400);
        Instant leftAt = SURGERY.plus(5, ChronoUnit.HOURS);
        given().contentType(ContentType.JSON).body(Map.of("dischargedAt", leftAt.toString()))
                .when().post("/monitoring-plans/{id}/discharge", plan.planId())
                .then().statusCode(200).body("dischargedAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("dischargedAt", leftAt.toString()))
                .when().post("/monitoring-plans/{id}/discharge", plan.planId())
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("already discharged"));
        given().contentType(ContentType.JSON).body(Map.of("dischargedAt", leftAt.toString()))
                .when().post("/monitoring-plans/{id}/discharge", UUID.randomUUID()).then().statusCode(404);
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().body("discharge.dischargedAt", equalTo(leftAt.toString()));
        JsonNode discharged = assertContract(published.await(ofType("followup.patient-discharged", plan.pathwayId()), WAIT));
        assertEquals(leftAt, Instant.parse(discharged.path("dischargedAt").asText()));
        assertEquals(4, discharged.path("observationHours").asInt());
    }

    @Test
    void aComplicationIsEscalatedMostUrgentFirstAndAcknowledgedOnce() {
        Plan plan = newPlan();
        Map<String, Object> headache = Map.of("kind", "SEVERE_HEADACHE", "severity", "SEVERE",
                "onsetAt", Instant.now().minus(2, ChronoUnit.HOURS).toString(), "features", List.of("FEVER", "NECK_STIFFNESS"));
        String complicationId = given().contentType(ContentType.JSON).body(headache)
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(201)
                .body("escalations.urgency", equalTo(List.of("EMERGENCY", "URGENT", "URGENT")))
                .body("escalations.ruleId", equalTo(List.of("meningitis-fever-severe-headache", "csf-leak-severe-headache",
                        "infection-fever-or-drainage")))
                .extract().path("complicationId");

        JsonNode reported = assertContract(published.await(ofType("followup.complication-reported", plan.pathwayId()), WAIT));
        assertEquals(complicationId, reported.path("complicationId").asText());
        assertEquals(3, reported.path("escalationCount").asInt());
        JsonNode escalated = assertContract(published.await(ofType("followup.complication-escalated", plan.pathwayId()), WAIT));
        assertEquals("EMERGENCY", escalated.path("urgency").asText());
        assertEquals("Possible meningitis", escalated.path("suspicion").asText());
        assertFalse(escalated.path("action").asText().isBlank());
        String emergency = escalated.path("escalationId").asText();

        List<Map<String, Object>> open = given().queryParam("open", true).queryParam("limit", 200).when().get("/escalations")
                .then().statusCode(200).extract().jsonPath().getList("$");
        List<String> urgencies = open.stream().map(e -> (String) e.get("urgency")).toList();
        assertEquals(urgencies.stream().sorted(java.util.Comparator.comparing(
                org.itpump.followup.domain.escalation.Urgency::valueOf)).toList(), urgencies, "most urgent first");
        assertTrue(open.stream().anyMatch(e -> emergency.equals(e.get("escalationId"))));

        // issue 13: who acknowledges comes from the token, never from the body: a body naming someone is refused
        given().contentType(ContentType.JSON).body(Map.of("acknowledgedBy", "STAFF-42"))
                .when().post("/escalations/{id}/acknowledgement", emergency)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("taken from the bearer token"));
        given().contentType(ContentType.JSON).body(Map.of("acknowledgedBy", ""))
                .when().post("/escalations/{id}/acknowledgement", emergency).then().statusCode(400);
        given().when().post("/escalations/{id}/acknowledgement", emergency)
                .then().statusCode(200).body("open", equalTo(false)).body("acknowledgedBy", equalTo("test-staff"))
                .body("patientRef", equalTo("PT-77"));
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post("/escalations/{id}/acknowledgement", emergency).then().statusCode(409);
        given().when().post("/escalations/{id}/acknowledgement", UUID.randomUUID()).then().statusCode(404);
        given().queryParam("open", true).queryParam("limit", 200).when().get("/escalations").then().statusCode(200)
                .body("escalationId", org.hamcrest.Matchers.not(hasItem(emergency)));
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().statusCode(200)
                .body("complications", hasSize(1)).body("complications[0].escalations", hasSize(3))
                .body("complications[0].escalations[0].open", equalTo(false));
    }

    @Test
    void complicationsAreRefusedBeforeTheImplantOrMalformed() {
        Plan plan = newPlan();
        given().contentType(ContentType.JSON).body(Map.of("kind", "INFECTION", "severity", "MILD",
                        "onsetAt", SURGERY.minus(1, ChronoUnit.DAYS).toString(), "features", List.of()))
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(422).body("detail", containsString("before the implant"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "SUNBURN", "severity", "MILD",
                        "onsetAt", Instant.now().toString(), "features", List.of()))
                .when().post("/monitoring-plans/{id}/complications", plan.planId()).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("kind", "INFECTION", "severity", "MILD"))
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(400).body("errors", hasItem(containsString("onsetAt")));
        given().contentType(ContentType.JSON).body(Map.of("kind", "INFECTION", "severity", "MILD",
                        "onsetAt", Instant.now().toString(), "features", List.of("REDNESS")))
                .when().post("/monitoring-plans/{id}/complications", UUID.randomUUID()).then().statusCode(404);
        // redness alone: a routine escalation
        given().contentType(ContentType.JSON).body(Map.of("kind", "INFECTION", "severity", "MILD",
                        "onsetAt", Instant.now().minusSeconds(60).toString(), "features", List.of("REDNESS")))
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(201).body("escalations.ruleId", equalTo(List.of("infection-local-signs")));
    }

    @Test
    void anOutcomeIsComparedWithThePreTrialBaseline() {
        Plan plan = newPlan();
        String outcomeId = given().contentType(ContentType.JSON).body(Map.of("painNrs", 3, "rigidityScore", 2,
                        "spasmScore", 1, "oralMmePerDay", 15.5))
                .when().post("/monitoring-plans/{id}/outcomes", plan.planId())
                .then().statusCode(201).body("painReductionNrs", equalTo(5)).body("painReductionPercent", equalTo(62.5f))
                .extract().path("outcomeId");
        JsonNode recorded = assertContract(published.await(ofType("followup.outcome-recorded", plan.pathwayId()), WAIT));
        assertEquals(outcomeId, recorded.path("outcomeId").asText());
        assertEquals(8, recorded.path("baselineNrs").asInt());
        assertEquals(0, new java.math.BigDecimal("62.50").compareTo(recorded.path("painReductionPercent").decimalValue()));
        assertEquals(0, new java.math.BigDecimal("15.5").compareTo(recorded.path("oralMmePerDay").decimalValue()));
        assertTrue(recorded.path("mmeReductionMgPerDay").isMissingNode(), "no baseline MME in the pathway's events");

        given().contentType(ContentType.JSON).body(Map.of("assessedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                        "painNrs", 3, "rigidityScore", 2, "spasmScore", 1, "oralMmePerDay", 0))
                .when().post("/monitoring-plans/{id}/outcomes", plan.planId())
                .then().statusCode(422).body("detail", containsString("future"));
        given().contentType(ContentType.JSON).body(Map.of("painNrs", 11, "rigidityScore", 2, "spasmScore", 1, "oralMmePerDay", -1))
                .when().post("/monitoring-plans/{id}/outcomes", plan.planId())
                .then().statusCode(400).body("errors", hasSize(2));
        given().contentType(ContentType.JSON).body(Map.of("painNrs", 3, "rigidityScore", 2, "spasmScore", 1, "oralMmePerDay", 0))
                .when().post("/monitoring-plans/{id}/outcomes", UUID.randomUUID()).then().statusCode(404);
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().body("outcomes", hasSize(1));
    }

    @Test
    void whatFallsDueThisWeek() {
        String pathwayId = UUID.randomUUID().toString();
        Instant completedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String planId = openPlan(pathwayId, UUID.randomUUID().toString(), completedAt);
        List<Map<String, Object>> due = given().queryParam("limit", 200).when().get("/monitoring-plans/due").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.planId == '" + planId + "' }");
        assertEquals(1, due.size(), "only the wound check (day 7) in the next 7 days: " + due);
        assertEquals("VISIT_DUE", due.get(0).get("milestone"));
        assertEquals("WOUND_CHECK", due.get(0).get("subject"));
        assertEquals(pathwayId, due.get(0).get("pathwayId"));
        List<Map<String, Object>> fortnight = given().queryParam("from", Instant.now().toString())
                .queryParam("to", completedAt.plus(15, ChronoUnit.DAYS).toString()).queryParam("limit", 200)
                .when().get("/monitoring-plans/due")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.planId == '" + planId + "' }");
        assertEquals(List.of("WOUND_CHECK", "SUTURE_REMOVAL"), fortnight.stream().map(d -> d.get("subject")).toList());
        given().queryParam("from", Instant.now().toString()).queryParam("to", Instant.now().minusSeconds(60).toString())
                .when().get("/monitoring-plans/due").then().statusCode(422);
        given().queryParam("from", "monday").when().get("/monitoring-plans/due").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'from'"));
    }
}
