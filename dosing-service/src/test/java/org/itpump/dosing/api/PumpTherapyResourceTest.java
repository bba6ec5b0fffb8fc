package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TestClock;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class PumpTherapyResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe dosingEvents;

    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
        dosingEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.dosing.events");
    }

    @AfterAll
    static void close() {
        sender.close();
        dosingEvents.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Opens a therapy the way production does (implant.completed); returns {pathwayId, caseId, therapyId}. */
    static Map<String, String> openTherapy() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.completed", pathwayId,
                ContractSamples.implantCompleted(pathwayId, caseId));
        List<Map<String, Object>> therapies = Await.until(() -> given().queryParam("pathwayId", pathwayId)
                        .get("/pump-therapies").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), "the therapy of pathway " + pathwayId);
        return Map.of("pathwayId", pathwayId, "caseId", caseId, "therapyId", (String) therapies.get(0).get("therapyId"));
    }

    static Map<String, Object> morphine(double concentrationPerMl, double dailyDose, String overrideReason) {
        Map<String, Object> body = new HashMap<>(Map.of("drug", "morphine", "concentrationPerMl", concentrationPerMl,
                "dailyDose", dailyDose, "mode", "SIMPLE_CONTINUOUS"));
        if (overrideReason != null) {
            body.put("overrideReason", overrideReason);
        }
        return body;
    }

    @Test
    void hardLimitsRefuseSoftLimitsNeedAReasonThatIsRecordedAndPublished() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 16, "tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("15"));
        given().contentType(ContentType.JSON).body(morphine(25, 1, "x"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(422);
        given().contentType(ContentType.JSON).body(morphine(10, 2, null))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("override reason is required"));
        int inForce = given().get("/drug-library/versions").then().extract().path("[0].version");
        given().contentType(ContentType.JSON).body(morphine(10, 2, "opioid-tolerant, trial at 2 mg"))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201).body("libraryVersion", equalTo(inForce))
                .body("overrideReason", equalTo("opioid-tolerant, trial at 2 mg"));

        JsonNode programmed = assertContract(dosingEvents.await(ofType("dosing.pump-programmed", t.get("pathwayId")), WAIT));
        assertEquals(2, programmed.path("program").path("dailyDose").asInt());
        JsonNode override = assertContract(dosingEvents.await(ofType("dosing.limit-override", t.get("pathwayId")), WAIT));
        assertEquals("0.5", override.path("softLimit").decimalValue().stripTrailingZeros().toPlainString());

        given().contentType(ContentType.JSON).body(morphine(10, 3, "pain not controlled"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        JsonNode changed = assertContract(dosingEvents.await(ofType("dosing.dose-changed", t.get("pathwayId")), WAIT));
        assertEquals(2, changed.path("previous").path("dailyDose").asInt());
        given().get("/pump-therapies/{id}/programs", therapyId).then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void aRefillSetsItsDueDateAndDurableTimersThatFireWhenTheClockPasses() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 2, "tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // The worked example: 20 mL of morphine 10 mg/mL at 2 mg/day with a 2 mL alarm lasts 90 days.
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201).body("refillDueOn", equalTo(today.plusDays(90).toString()));
        assertContract(dosingEvents.await(ofType("dosing.refill-recorded", t.get("pathwayId")), WAIT));
        assertEquals(List.of("refill-due", "refill-overdue"), pendingTimers(therapyId),
                "the timers are rows in PostgreSQL, so they survive a restart");

        clock.advance(Duration.ofDays(84)); // a week ahead of the due date
        JsonNode due = assertContract(dosingEvents.await(ofType("dosing.refill-due", t.get("pathwayId")), WAIT));
        assertEquals(today.plusDays(90).toString(), due.path("refillDueDate").asText());
        assertEquals("ROUTINE", due.path("urgency").asText());
        clock.advance(Duration.ofDays(8)); // the due date has passed
        JsonNode overdue = assertContract(dosingEvents.await(ofType("dosing.refill-overdue", t.get("pathwayId")), WAIT));
        assertEquals("HIGH", overdue.path("urgency").asText(), "morphine is not withdrawal-critical");
        assertEquals(List.of(), pendingTimers(therapyId));
    }

    @Test
    void aShortfallOfMoreThanTwoMlIsAPossiblePocketFill() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 2, "tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        given().contentType(ContentType.JSON).body(Map.of("filledOn", start.toString(), "volumeAddedMl", 20,
                "concentrationPerMl", 10, "lot", "L-1")).post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
        // 30 days at 0.2 mL/day leave 14 mL; 11.9 mL measured is a 2.1 mL shortfall
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "lot", "L-2",
                        "measuredResidualMl", 11.9))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201).body("expectedResidualMl", equalTo(14.0f)).body("possiblePocketFill", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 5, "lot", "L-3"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", containsString("reprogram the pump first"));
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 60, "concentrationPerMl", 10, "lot", "L-3"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", containsString("exceeds the reservoir"));
    }

    @Test
    void aRefillBeforeAnyProgramIsAConflict() {
        String therapyId = openTherapy().get("therapyId");
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", -1, "lot", ""))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(400)
                .body("errors", hasItem(containsString("concentrationPerMl")));
    }

    @Test
    void explantEndsTheTherapyAndCancelsItsTimers() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 0.4, null))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
        String explanted = """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"INFECTION","explantedAt":"2026-12-01T10:00:00Z"}"""
                .formatted(t.get("pathwayId"), t.get("caseId"));
        sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.explanted", t.get("pathwayId"), explanted);
        assertContract(dosingEvents.await(ofType("dosing.therapy-ended", t.get("pathwayId")), WAIT));
        given().get("/pump-therapies/{id}", therapyId).then().body("status", equalTo("ENDED"));
        assertEquals(List.of(), pendingTimers(therapyId));
        given().contentType(ContentType.JSON).body(morphine(10, 0.3, null))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(409);
    }

    @Test
    void theTrialDoseIsCheckedAgainstTheLibraryWhenATrialStarts() {
        String withinLimits = UUID.randomUUID().toString();
        String unknownDrug = UUID.randomUUID().toString();
        sender.sendCloudEvent("itpump.trial.events", UUID.randomUUID().toString(), "trial.started", withinLimits,
                trialStarted(withinLimits, "morphine", "0.3", "mg"));
        sender.sendCloudEvent("itpump.trial.events", UUID.randomUUID().toString(), "trial.started", unknownDrug,
                trialStarted(unknownDrug, "ketamine", "1", "mg"));
        JsonNode ok = assertContract(dosingEvents.await(ofType("dosing.trial-dose-checked", withinLimits), WAIT));
        assertTrue(ok.path("withinLimits").asBoolean());
        JsonNode refused = assertContract(dosingEvents.await(ofType("dosing.trial-dose-checked", unknownDrug), WAIT));
        assertFalse(refused.path("withinLimits").asBoolean());
        assertTrue(refused.path("findings").get(0).asText().contains("not in drug library"));
    }

    @Test
    void pharmacyPublishesANewLibraryVersionAndInvalidOnesAreRefused() {
        JsonNode current = given().get("/drug-library").then().statusCode(200)
                .body("drugs.code", hasItem("ziconotide")).extract().as(JsonNode.class);
        com.fasterxml.jackson.databind.node.ObjectNode broken = current.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.withArray("drugs").get(0)).put("maxConcentrationPerMl", -1);
        given().contentType(ContentType.JSON).body(broken.toString()).put("/drug-library")
                .then().statusCode(422).contentType("application/problem+json");
        int before = given().get("/drug-library/versions").then().extract().path("[0].version");
        given().contentType(ContentType.JSON).body(current.toString()).put("/drug-library")
                .then().statusCode(200).body("version", equalTo(before + 1));
        given().get("/drug-library/versions/{v}", 1).then().statusCode(200).body("version", equalTo(1));
        given().get("/drug-library/versions/{v}", 999).then().statusCode(404);
    }

    private static String trialStarted(String pathwayId, String drug, String dose, String unit) {
        return """
                {"pathwayId":"%s","patientRef":"PT-5","trialId":"%s","candidateId":"%s","indication":"CANCER_PAIN",
                 "trialType":"SINGLE_BOLUS","drug":"%s","dose":%s,"doseUnit":"%s","baselineNrs":7,
                 "startedAt":"2026-11-26T09:00:00Z","windowEndsAt":"2026-11-27T09:00:00Z"}"""
                .formatted(pathwayId, UUID.randomUUID(), UUID.randomUUID(), drug, dose, unit);
    }

    private List<String> pendingTimers(String therapyId) {
        List<String> kinds = new java.util.ArrayList<>();
        pool.preparedQuery("select kind from due_timer where subject_id = $1 and fired_at is null and cancelled_at is null order by due_at")
                .execute(Tuple.of(UUID.fromString(therapyId))).await().atMost(Duration.ofSeconds(5))
                .forEach(row -> kinds.add(row.getString("kind")));
        return kinds;
    }
}
