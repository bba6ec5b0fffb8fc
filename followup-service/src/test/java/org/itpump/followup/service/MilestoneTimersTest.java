package org.itpump.followup.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.itpump.testing.Await;
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
import static org.itpump.followup.FollowupTestSupport.timerState;
import static org.itpump.followup.FollowupTestSupport.timersOf;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Milestones fire from durable timers as the (test) clock passes them. The timers are rows of due_timer and
 * the handler rebuilds everything from the plan's row, so nothing lives in memory: asserting the PENDING rows
 * before time moves is what makes the firing restart-proof (a restarted service polls the same rows).
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class MilestoneTimersTest {

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

    private static Map<String, Object> choices(int activityWeeks, int drivingWeeks) {
        return Map.of("observationHours", 4, "activityRestrictionWeeks", activityWeeks, "drivingRestrictionWeeks", drivingWeeks,
                "oralMedicationWeeks", 3, "woundCheckDay", 7, "sutureRemovalDay", 14, "monitoringWindowWeeks", 12);
    }

    @Test
    void theWoundCheckAndTheEndOfARestrictionAreAnnouncedWhenDue() {
        String pathwayId = UUID.randomUUID().toString();
        Instant completedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String planId = openPlan(pathwayId, UUID.randomUUID().toString(), completedAt);
        List<Map<String, Object>> timers = timersOf(planId);
        assertEquals(10, timers.size(), "5 restrictions, the oral medication course, 3 visits, the window");
        assertTrue(timers.stream().allMatch(t -> "PENDING".equals(t.get("state"))), timers.toString());

        // one week of activity restriction instead of 8: its timers move to day 7
        given().contentType(ContentType.JSON).body(choices(1, 2)).when().put("/monitoring-plans/{id}/choices", planId)
                .then().statusCode(200).body("choices.activityRestrictionWeeks", equalTo(1))
                .body("restrictions.find { it.kind == 'NO_BENDING' }.endsAt",
                        equalTo(completedAt.plus(7, ChronoUnit.DAYS).toString()));
        assertEquals("PENDING", timerState(planId, "RESTRICTION_LIFTED:NO_BENDING"), "still pending, in the database");

        clock.advance(Duration.ofDays(8));

        JsonNode visit = assertContract(published.await(ofType("followup.visit-due", pathwayId)
                .and(r -> r.value().contains("WOUND_CHECK")), WAIT));
        assertEquals(planId, visit.path("planId").asText());
        assertEquals(completedAt.plus(7, ChronoUnit.DAYS), Instant.parse(visit.path("dueAt").asText()));
        JsonNode lifted = assertContract(published.await(ofType("followup.restriction-lifted", pathwayId)
                .and(r -> r.value().contains("NO_BENDING")), WAIT));
        assertEquals(completedAt.plus(7, ChronoUnit.DAYS), Instant.parse(lifted.path("liftedAt").asText()));
        Await.until(() -> timerState(planId, "VISIT_DUE:WOUND_CHECK"), "FIRED"::equals, "the wound check timer fired");
        assertEquals("PENDING", timerState(planId, "VISIT_DUE:SUTURE_REMOVAL"), "day 14 is not due yet");
        assertEquals("PENDING", timerState(planId, "RESTRICTION_LIFTED:NO_DRIVING"), "2 weeks are not over");

        // a later change of choices does not re-arm what already fired
        given().contentType(ContentType.JSON).body(choices(2, 2)).when().put("/monitoring-plans/{id}/choices", planId)
                .then().statusCode(200);
        assertEquals("FIRED", timerState(planId, "RESTRICTION_LIFTED:NO_BENDING"));
        long announced = published.drain(Duration.ofSeconds(2)).stream().filter(ofType("followup.restriction-lifted", pathwayId))
                .filter(r -> r.value().contains("NO_BENDING")).count();
        assertEquals(1, announced, "one restriction-lifted for NO_BENDING");
    }

    @Test
    void theEndOfTheWindowCompletesThePlan() {
        String pathwayId = UUID.randomUUID().toString();
        String planId = openPlan(pathwayId, UUID.randomUUID().toString(), Instant.now().minus(1, ChronoUnit.HOURS));

        clock.advance(Duration.ofDays(7 * 12 + 1));

        JsonNode completed = assertContract(published.await(ofType("followup.monitoring-completed", pathwayId), WAIT));
        assertEquals(planId, completed.path("planId").asText());
        Await.until(() -> given().when().get("/monitoring-plans/{id}", planId).then().extract().path("status"),
                "COMPLETED"::equals, "the plan to complete");
        Await.until(() -> timersOf(planId), list -> list.stream().allMatch(t -> "FIRED".equals(t.get("state"))),
                "every milestone fired");
        assertContract(published.await(ofType("followup.visit-due", pathwayId)
                .and(r -> r.value().contains("RESTRICTION_REVIEW")), WAIT));
        given().contentType(ContentType.JSON).body(choices(8, 4)).when().put("/monitoring-plans/{id}/choices", planId)
                .then().statusCode(409).contentType("application/problem+json");
    }
}
