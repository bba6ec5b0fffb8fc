package org.itpump.implant.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.itpump.implant.ImplantTestSupport.openCase;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class ImplantCaseResourceTest {

    private static final String TOMORROW = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString();

    @Test
    void scheduleThenCompletePublishesImplantCompletedWithTheReservoir() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = openCase(pathwayId);
        given().queryParam("status", "AWAITING_SCHEDULING").when().get("/implant-cases")
                .then().statusCode(200).body("caseId", hasItem(caseId));

        given().contentType(ContentType.JSON).body(Map.of("scheduledStart", TOMORROW))
                .when().post("/implant-cases/{id}/schedule", caseId)
                .then().statusCode(200).body("status", equalTo("SCHEDULED"));
        given().contentType(ContentType.JSON).body(Map.of("reservoirVolumeMl", 20))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("reservoirVolumeMl", equalTo(20));

        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            assertContract(probe.await(ofType("implant.scheduled", pathwayId), Duration.ofSeconds(30)));
            var completed = assertContract(probe.await(ofType("implant.completed", pathwayId), Duration.ofSeconds(30)));
            assertEquals(caseId, completed.path("caseId").asText());
            assertEquals(20, completed.path("reservoirVolumeMl").asInt());
            assertEquals(8, completed.path("baselineNrs").asInt(), "the pre-trial baseline travels on");
        }
        given().when().get("/implant-cases/{id}", caseId).then().statusCode(200)
                .body("completedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void completingBeforeSchedulingIsAConflict() {
        String caseId = openCase(UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(Map.of("reservoirVolumeMl", 20))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("AWAITING_SCHEDULING cannot become COMPLETED"));
    }

    @Test
    void clinicalRulesAnswer422AndBadBodies400() {
        String caseId = openCase(UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(Map.of("scheduledStart", "2020-01-01T08:00:00Z"))
                .when().post("/implant-cases/{id}/schedule", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("in the future"));
        given().contentType(ContentType.JSON).body(Map.of("scheduledStart", "next tuesday"))
                .when().post("/implant-cases/{id}/schedule", caseId)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("scheduledStart", TOMORROW))
                .when().post("/implant-cases/{id}/schedule", caseId).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("reservoirVolumeMl", 400))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(422).body("detail", containsString("at most 40 mL"));
        given().contentType(ContentType.JSON).body(Map.of("reservoirVolumeMl", -5))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(400).body("errors", hasItem(containsString("reservoirVolumeMl")));
    }

    @Test
    void unknownCaseIs404() {
        given().when().get("/implant-cases/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("scheduledStart", TOMORROW))
                .when().post("/implant-cases/{id}/schedule", UUID.randomUUID()).then().statusCode(404);
    }
}
