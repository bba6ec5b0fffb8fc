package org.itpump.followup;

import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Opens monitoring plans the way production does: implant.completed on the implant topic. */
public final class FollowupTestSupport {

    public static final String IMPLANT_TOPIC = "itpump.implant.events";
    public static final String FOLLOWUP_TOPIC = "itpump.followup.events";

    private FollowupTestSupport() {
    }

    /** The contract sample with its completion time replaced, so the plan's dates count from it. */
    public static String implantCompletedAt(String pathwayId, String caseId, Instant completedAt) {
        return ContractSamples.implantCompleted(pathwayId, caseId)
                .replace("\"completedAt\":\"2026-11-26T14:00:00Z\"", "\"completedAt\":\"" + completedAt + "\"");
    }

    public static String implantExplanted(String pathwayId, String caseId) {
        return """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"INFECTION","explantedAt":"%s"}"""
                .formatted(pathwayId, caseId, Instant.now());
    }

    public static List<Map<String, Object>> plansOf(String pathwayId) {
        return given().queryParam("pathwayId", pathwayId).when().get("/monitoring-plans")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Sends implant.completed for a new pathway and returns the id of the plan it opened. */
    public static String openPlan(String pathwayId, String caseId, Instant completedAt) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.completed", pathwayId,
                    implantCompletedAt(pathwayId, caseId, completedAt));
        }
        return (String) Await.until(() -> plansOf(pathwayId), list -> !list.isEmpty(), "a plan for " + pathwayId)
                .get(0).get("planId");
    }

    public static void explant(String pathwayId, String caseId) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.explanted", pathwayId,
                    implantExplanted(pathwayId, caseId));
        }
    }

    /** The plan's timers: key, dueAt, state (PENDING, FIRED, CANCELLED). */
    public static List<Map<String, Object>> timersOf(String planId) {
        return given().when().get("/monitoring-plans/{id}", planId).then().statusCode(200)
                .extract().jsonPath().getList("timers");
    }

    public static String timerState(String planId, String key) {
        return timersOf(planId).stream().filter(t -> key.equals(t.get("key"))).findFirst()
                .map(t -> (String) t.get("state")).orElse("MISSING");
    }
}
