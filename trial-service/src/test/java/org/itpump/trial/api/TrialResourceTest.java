package org.itpump.trial.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
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
        return given().contentType(ContentType.JSON)
                .body(Map.of("patientRef", "PT-0001", "baselineNrs", baselineNrs))
                .when().post("/trials")
                .then().statusCode(201)
                .header("Location", containsString("/trials/"))
                .body("status", equalTo("IN_PROGRESS"))
                .extract().path("trialId");
    }

    static void assess(String trialId, int nrs) {
        given().contentType(ContentType.JSON).body(Map.of("nrs", nrs))
                .when().post("/trials/{id}/assessments", trialId)
                .then().statusCode(201).body("nrs", equalTo(nrs));
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

        ConsumerRecord<String, String> started = trialEvents.await(ofType("trial.started", pathwayId), WAIT);
        assertEquals(8, assertContract(started).path("baselineNrs").asInt());
        trialEvents.await(ofType("trial.assessment-recorded", pathwayId), WAIT);
        JsonNode passed = assertContract(trialEvents.await(ofType("trial.passed", pathwayId), WAIT));
        assertEquals(trialId, passed.path("trialId").asText());
        assertEquals("50.00", passed.path("reliefPercent").decimalValue().setScale(2).toPlainString());

        given().when().get("/trials/{id}", trialId).then().statusCode(200)
                .body("assessments", hasSize(2))
                .body("decision.thresholdPercent", equalTo(50.0f));
        given().when().get("/trials?status=PASSED").then().statusCode(200)
                .body("trialId", hasItem(trialId));
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
                .body("decision.reliefPercent", equalTo(46.66f))
                .extract().path("pathwayId");
        assertContract(trialEvents.await(ofType("trial.failed", pathwayId), WAIT));
    }

    @Test
    void aDecidedTrialRefusesAssessmentsAndASecondDecisionWith409() {
        String trialId = startTrial(6);
        assess(trialId, 1);
        given().when().post("/trials/{id}/decision", trialId).then().statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("nrs", 2))
                .when().post("/trials/{id}/assessments", trialId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Not allowed in the current state"))
                .body("detail", containsString("PASSED"));
        given().when().post("/trials/{id}/decision", trialId)
                .then().statusCode(409).contentType("application/problem+json");
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
        given().contentType(ContentType.JSON).body(Map.of("patientRef", "PT-0002", "baselineNrs", 0))
                .when().post("/trials")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Baseline NRS must be 1 to 10"));
    }

    @Test
    void invalidBodiesGetProblemDetailsNamingTheFields() {
        given().contentType(ContentType.JSON).body(Map.of("patientRef", "John Smith", "baselineNrs", 11))
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("errors", hasItem(containsString("baselineNrs")))
                .body("errors", hasItem(containsString("patientRef")));
        given().contentType(ContentType.JSON).body("{\"patientRef\": \"PT-1\", \"baselineNrs\": \"high\"}")
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("baselineNrs"));
        given().contentType(ContentType.JSON).body("{not json")
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("patientRef=PT-1")
                .when().post("/trials")
                .then().statusCode(415).contentType("application/problem+json");
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
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/trials/{trialId}/decision"));
    }
}
