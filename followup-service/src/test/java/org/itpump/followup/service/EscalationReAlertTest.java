package org.itpump.followup.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TestClock;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.itpump.followup.FollowupTestSupport.FOLLOWUP_TOPIC;
import static org.itpump.followup.FollowupTestSupport.openPlan;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An escalation re-alerts on its own interval (durable timers) until a clinician acknowledges it; the
 * acknowledging clinician is the token's, and re-alerting stops.
 */
@QuarkusTest
@TestSecurity(user = "dr-quinn", roles = {Roles.CLINICIAN})
@WithTestResource(PathwayTestResource.class)
class EscalationReAlertTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicProbe published;

    @Inject
    TestClock clock;

    @BeforeAll
    static void connect() {
        published = new TopicProbe(PathwayTestResource.bootstrapServers(), FOLLOWUP_TOPIC);
    }

    @AfterAll
    static void close() {
        published.close();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    private static long reAlerts(String pathwayId, String escalationId, Duration quiet) {
        return published.drain(quiet).stream().filter(ofType("followup.escalation-realerted", pathwayId))
                .filter(r -> r.value().contains(escalationId)).count();
    }

    private static int alertNumber(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("alertNumber").asInt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anOverdoseEscalationReAlertsEveryTwoMinutesUntilAcknowledged() {
        String pathwayId = UUID.randomUUID().toString();
        String planId = openPlan(pathwayId, UUID.randomUUID().toString(), Instant.now().minus(2, ChronoUnit.HOURS));
        String escalationId = given().contentType(ContentType.JSON).body(Map.of("kind", "OVER_SEDATION", "severity", "SEVERE",
                        "onsetAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "features", List.of()))
                .when().post("/monitoring-plans/{id}/complications", planId)
                .then().statusCode(201).body("escalations[0].urgency", equalTo("EMERGENCY"))
                .extract().path("escalations[0].escalationId");
        assertEquals(0, reAlerts(pathwayId, escalationId, Duration.ofSeconds(2)), "not before its interval");

        clock.advance(Duration.ofMinutes(2)); // 2 min: the first re-alert (alert 2)
        JsonNode second = assertContract(published.await(ofType("followup.escalation-realerted", pathwayId)
                .and(r -> alertNumber(r.value()) == 2), WAIT));
        assertEquals(escalationId, second.path("escalationId").asText());
        assertEquals("EMERGENCY", second.path("urgency").asText());
        assertEquals(2, second.path("reAlertEveryMinutes").asInt());
        clock.advance(Duration.ofMinutes(2)); // 4 min: alert 3
        assertContract(published.await(ofType("followup.escalation-realerted", pathwayId)
                .and(r -> alertNumber(r.value()) == 3), WAIT));

        given().when().post("/escalations/{id}/acknowledgement", escalationId).then().statusCode(200)
                .body("acknowledgedBy", equalTo("dr-quinn")).body("alertCount", equalTo(3));
        JsonNode acknowledged = assertContract(published.await(ofType("followup.escalation-acknowledged", pathwayId), WAIT));
        assertEquals("dr-quinn", acknowledged.path("acknowledgedBy").asText(), "from the token");
        assertEquals(3, acknowledged.path("alertCount").asInt());

        long before = reAlerts(pathwayId, escalationId, Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(before, reAlerts(pathwayId, escalationId, Duration.ofSeconds(3)), "no re-alert once acknowledged");
    }

    @Test
    void aRoutineEscalationWaitsADay() {
        String pathwayId = UUID.randomUUID().toString();
        String planId = openPlan(pathwayId, UUID.randomUUID().toString(), Instant.now().minus(2, ChronoUnit.HOURS));
        String escalationId = given().contentType(ContentType.JSON).body(Map.of("kind", "INFECTION", "severity", "MILD",
                        "onsetAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "features", List.of("REDNESS")))
                .when().post("/monitoring-plans/{id}/complications", planId)
                .then().statusCode(201).body("escalations[0].urgency", equalTo("ROUTINE"))
                .body("escalations[0].reAlertEveryMinutes", equalTo(1440))
                .extract().path("escalations[0].escalationId");
        clock.advance(Duration.ofHours(23));
        assertEquals(0, reAlerts(pathwayId, escalationId, Duration.ofSeconds(3)), "23 h: not yet");
        clock.advance(Duration.ofHours(1));
        assertContract(published.await(ofType("followup.escalation-realerted", pathwayId)
                .and(r -> r.value().contains(escalationId)), WAIT));
    }
}
