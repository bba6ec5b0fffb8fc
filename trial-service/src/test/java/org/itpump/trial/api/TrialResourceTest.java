package org.itpump.trial.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.itpump.trial.TrialTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.itpump.trial.TrialTestSupport.assess;
import static org.itpump.trial.TrialTestSupport.eligibleCandidate;
import static org.itpump.trial.TrialTestSupport.registerCandidate;
import static org.itpump.trial.TrialTestSupport.trialOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class TrialResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicProbe trialEvents;

    @BeforeAll
    static void probe() {
        trialEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.trial.events");
    }

    @AfterAll
    static void close() {
        trialEvents.close();
    }

    static String startTrial(int baselineNrs) {
        return (String) TrialTestSupport.startTrial(baselineNrs).get("trialId");
    }

    @Test
    void exactlyFiftyPercentReliefPassesAndPublishesTrialPassed() {
        String trialId = startTrial(8);
        assess(trialId, 4);
        assess(trialId, 4);
        String pathwayId = given().when().post("/trials/{id}/decision", trialId)
                .then().statusCode(200)
                .body("status", equalTo("PASSED"))
                .body("decision.passed", equalTo(true))
                .body("decision.reliefPercent", equalTo(50.0f))
                .extract().path("pathwayId");

        JsonNode started = assertContract(trialEvents.await(ofType("trial.started", pathwayId), WAIT));
        assertEquals(8, started.path("baselineNrs").asInt());
        assertEquals("morphine", started.path("drug").asText());
        assertEquals("mg", started.path("doseUnit").asText());
        assertEquals("SINGLE_BOLUS", started.path("trialType").asText());
        JsonNode assessed = assertContract(trialEvents.await(ofType("trial.assessment-recorded", pathwayId), WAIT));
        assertEquals(60, assessed.path("minutesSinceDose").asInt());
        JsonNode passed = assertContract(trialEvents.await(ofType("trial.passed", pathwayId), WAIT));
        assertEquals(trialId, passed.path("trialId").asText());
        assertEquals("50.00", passed.path("reliefPercent").decimalValue().setScale(2).toPlainString());
        assertEquals("FAILED_BACK_SURGERY_SYNDROME", passed.path("indication").asText());

        given().when().get("/trials/{id}", trialId).then().statusCode(200)
                .body("assessments", hasSize(2))
                .body("assessments[0].oralMmePerDay", equalTo(40.0f))
                .body("decision.thresholdPercent", equalTo(50.0f));
        // a status that is no worklist needs a start-date range (at most 31 days) to scope the list
        given().queryParam("status", "PASSED").queryParam("from", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString())
                .queryParam("to", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString())
                .when().get("/trials").then().statusCode(200).body("trialId", hasItem(trialId));
    }

    @Test
    void justUnderFiftyPercentFailsAndPublishesTrialFailed() {
        String trialId = startTrial(10);
        assess(trialId, 5);
        assess(trialId, 5);
        assess(trialId, 6);
        String pathwayId = given().when().post("/trials/{id}/decision", trialId)
                .then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("decision.passed", equalTo(false))
                .body("decision.reliefPercent", equalTo(46.66f))
                .extract().path("pathwayId");
        assertContract(trialEvents.await(ofType("trial.failed", pathwayId), WAIT));
    }

    @Test
    void aTrialStartsOnlyWhenTheChecklistIsCompleteAndSaysWhatIsMissing() {
        String candidateId = registerCandidate("PT-0003");
        given().contentType(ContentType.JSON).body(Map.of("documented", List.of("INFORMED_CONSENT", "NO_ACTIVE_INFECTION")))
                .when().put("/candidates/{id}/eligibility", candidateId)
                .then().statusCode(200).body("eligible", equalTo(false)).body("missing", hasSize(3));
        given().contentType(ContentType.JSON).body(trialOrder(candidateId, 7))
                .when().post("/trials")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("eligibility checklist is incomplete"))
                .body("errors", hasSize(3))
                .body("errors", hasItem("missing: PSYCHOLOGICAL_EVALUATION_CLEARED"))
                .body("errors", hasItem("missing: ANTICOAGULATION_PLAN"))
                .body("errors", hasItem("missing: FAILED_CONSERVATIVE_THERAPY_DOCUMENTED"));
        given().when().get("/candidates/{id}", candidateId).then().statusCode(200)
                .body("documented", hasSize(2));
    }

    @Test
    void assessmentsOutsideTheWindowOrInTheFutureAreRefused() {
        String trialId = startTrial(7);
        String longBefore = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).toString();
        String tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
        for (String assessedAt : List.of(longBefore, tomorrow)) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("nrs", 3, "minutesSinceDose", 30, "oralMmePerDay", 20, "assessedAt", assessedAt))
                    .when().post("/trials/{id}/assessments", trialId)
                    .then().statusCode(422).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body(Map.of("nrs", 3, "minutesSinceDose", 30, "oralMmePerDay", 20))
                .when().post("/trials/{id}/assessments", trialId)
                .then().statusCode(201).body("functionScore", equalTo(null));
    }

    @Test
    void aDecidedTrialRefusesAssessmentsAndASecondDecisionWith409() {
        String trialId = startTrial(6);
        assess(trialId, 1);
        given().when().post("/trials/{id}/decision", trialId).then().statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("nrs", 2, "minutesSinceDose", 90, "oralMmePerDay", 30))
                .when().post("/trials/{id}/assessments", trialId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Not allowed in the current state"))
                .body("detail", containsString("PASSED"));
        given().when().post("/trials/{id}/decision", trialId)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aPassedTrialCanBeCancelledBeforeTheImplantAndTheNoteStaysHere() {
        String trialId = startTrial(6);
        assess(trialId, 2);
        String pathwayId = given().when().post("/trials/{id}/decision", trialId).then().statusCode(200)
                .extract().path("pathwayId");
        given().contentType(ContentType.JSON).body(Map.of("reason", "PATIENT_WITHDREW", "note", "moving abroad"))
                .when().post("/trials/{id}/cancellation", trialId)
                .then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancellation.reason", equalTo("PATIENT_WITHDREW"));
        JsonNode cancelled = assertContract(trialEvents.await(ofType("trial.cancelled", pathwayId), WAIT));
        assertEquals("PASSED", cancelled.path("previousStatus").asText());
        assertEquals(false, cancelled.has("note"), "free text is not published");
        given().contentType(ContentType.JSON).body(Map.of("reason", "OTHER"))
                .when().post("/trials/{id}/cancellation", trialId)
                .then().statusCode(409);
        given().when().get("/trials/{id}", trialId).then().body("decision.passed", equalTo(true));
    }

    @Test
    void aFailedTrialCannotBeCancelled() {
        String trialId = startTrial(6);
        assess(trialId, 6);
        given().when().post("/trials/{id}/decision", trialId).then().statusCode(200).body("status", equalTo("FAILED"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "COMPLICATION"))
                .when().post("/trials/{id}/cancellation", trialId)
                .then().statusCode(409).body("detail", containsString("FAILED cannot become CANCELLED"));
    }

    @Test
    void trialsAreListedByStatusAndStartDate() {
        String trialId = startTrial(5);
        String hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        String inAnHour = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
        given().queryParam("status", "IN_PROGRESS").queryParam("from", hourAgo).queryParam("to", inAnHour)
                .when().get("/trials").then().statusCode(200).body("trialId", hasItem(trialId));
        given().queryParam("from", inAnHour).queryParam("to", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString())
                .when().get("/trials").then().statusCode(200)
                .body("trialId", not(hasItem(trialId)));
        given().queryParam("status", "NOT_A_STATUS").when().get("/trials").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0]", containsString("status: "));
    }

    @Test
    void aPathWithAnEncodedSpaceGetsProblemJsonNotABare500() {
        // "/trials/a%20b" is decoded to "/trials/a b", which is not a valid URI for the problem's instance as such.
        given().urlEncodingEnabled(false).when().get("/trials/a%20b")
                .then().statusCode(404).contentType("application/problem+json").body("instance", equalTo("/trials/a%20b"));
    }

    @Test
    void decidingWithoutAssessmentsIsAClinicalRuleViolation() {
        String trialId = startTrial(6);
        given().when().post("/trials/{id}/decision", trialId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", containsString("At least one post-dose pain assessment"));
    }

    @Test
    void aBaselineOfZeroCannotMeasureReliefSoTheTrialDoesNotStart() {
        given().contentType(ContentType.JSON).body(trialOrder(eligibleCandidate("PT-0002"), 0))
                .when().post("/trials")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Baseline NRS must be 1 to 10"));
    }

    @Test
    void invalidBodiesGetProblemDetailsNamingTheFields() {
        given().contentType(ContentType.JSON).body(Map.of("patientRef", "John Smith", "indication", "CANCER_PAIN"))
                .when().post("/candidates")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("errors", hasItem(containsString("patientRef")));
        given().contentType(ContentType.JSON).body(Map.of("candidateId", "8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
                        "trialType", "SINGLE_BOLUS", "drug", "Morphine!", "dose", -1, "doseUnit", "mg", "baselineNrs", 11))
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasItem(containsString("baselineNrs")))
                .body("errors", hasItem(containsString("dose")))
                .body("errors", hasItem(containsString("drug")));
        given().contentType(ContentType.JSON).body(Map.of("candidateId", "8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
                        "trialType", "EPIDURAL", "drug", "morphine", "dose", 1, "doseUnit", "mg", "baselineNrs", 5))
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("trialType"));
        given().contentType(ContentType.JSON).body("{\"candidateId\": \"8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e\", \"baselineNrs\": \"high\"}")
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("baselineNrs"));
        given().contentType(ContentType.JSON).body(Map.of("patientRef", 123, "indication", "CANCER_PAIN"))
                .when().post("/candidates")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("patientRef"));
        given().contentType(ContentType.JSON).body(Map.of("candidateId", "8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
                        "trialType", "SINGLE_BOLUS", "drug", "morphine", "dose", 1, "doseUnit", "mg", "baselineNrs", 7.5))
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("baselineNrs"));
        given().contentType(ContentType.JSON).body("{not json")
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("patientRef=PT-1")
                .when().post("/candidates")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(trialOrder("8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e", 5))
                .when().post("/trials")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknownTrialIs404AndAMalformedIdIsRefused() {
        given().when().get("/trials/{id}", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json")
                .body("instance", equalTo("/trials/00000000-0000-0000-0000-000000000000"));
        given().when().get("/trials/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("Reactive Messaging")))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/trials/{trialId}/decision"))
                .body("paths", hasKey("/candidates/{candidateId}/eligibility"));
    }
}
