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

    /**
     * The contract sample with the procedure's end set to {@code procedureEndedAt}, so the plan's dates count from
     * it; the completion is typed 30 minutes later, as it would be after surgery.
     */
    public static String implantCompletedAt(String pathwayId, String caseId, Instant procedureEndedAt) {
        return implantCompleted(pathwayId, caseId, procedureEndedAt, "Medtronic", "SynchroMed II");
    }

    /** As {@link #implantCompletedAt} with another pump (the MRI advice follows the model). */
    public static String implantCompleted(String pathwayId, String caseId, Instant procedureEndedAt, String manufacturer,
                                          String model) {
        return ContractSamples.implantCompleted(pathwayId, caseId)
                .replace("\"completedAt\":\"2026-11-26T14:00:00Z\"", "\"completedAt\":\"" + procedureEndedAt.plusSeconds(1800) + "\"")
                .replace("\"procedureStartedAt\":\"2026-11-26T12:00:00Z\"", "\"procedureStartedAt\":\"" + procedureEndedAt.minusSeconds(5400) + "\"")
                .replace("\"procedureEndedAt\":\"2026-11-26T13:30:00Z\"", "\"procedureEndedAt\":\"" + procedureEndedAt + "\"")
                .replace("\"manufacturer\":\"Medtronic\",\"model\":\"SynchroMed II\"",
                        "\"manufacturer\":\"" + manufacturer + "\",\"model\":\"" + model + "\"");
    }

    public static String implantExplanted(String pathwayId, String caseId) {
        return implantExplanted(pathwayId, caseId, "INFECTION", Instant.now());
    }

    public static String implantExplanted(String pathwayId, String caseId, String reason, Instant explantedAt) {
        return """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"%s","explantedAt":"%s"}"""
                .formatted(pathwayId, caseId, reason, explantedAt);
    }

    /** dosing.pump-programmed as dosing-service publishes it: the pump's first program, of {@code drug}. */
    public static String pumpProgrammed(String pathwayId, String therapyId, String drug) {
        return """
                {"pathwayId":"%s","patientRef":"PT-77","therapyId":"%s","programId":"%s",
                 "program":{"drug":"%s","doseUnit":"mcg","concentrationPerMl":500,"dailyDose":100,"mode":"SIMPLE_CONTINUOUS",
                            "bolusDose":null,"bolusLockoutMinutes":null,"maxBolusesPerDay":null,"libraryVersion":1},
                 "previous":null,"programmedAt":"%s"}"""
                .formatted(pathwayId, therapyId, UUID.randomUUID(), drug, Instant.now());
    }

    public static final String DOSING_TOPIC = "itpump.dosing.events";

    /** Sends dosing.pump-programmed for the pathway. */
    public static void programPump(String pathwayId, String drug) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(DOSING_TOPIC, UUID.randomUUID().toString(), "dosing.pump-programmed", pathwayId,
                    pumpProgrammed(pathwayId, UUID.randomUUID().toString(), drug));
        }
    }

    /** Sends dosing.pump-programmed and waits until the pathway's plan knows the drug. */
    public static void programPumpAndAwaitPlan(String pathwayId, String drug) {
        programPump(pathwayId, drug);
        Await.until(() -> plansOf(pathwayId), list -> !list.isEmpty() && drug.equals(list.get(0).get("startedDrug")),
                "the plan to learn " + drug);
    }

    public static void explant(String pathwayId, String caseId, String reason, Instant explantedAt) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.explanted", pathwayId,
                    implantExplanted(pathwayId, caseId, reason, explantedAt));
        }
    }

    public static List<Map<String, Object>> plansOf(String pathwayId) {
        return given().queryParam("pathwayId", pathwayId).when().get("/monitoring-plans")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Sends implant.completed (procedure ended at {@code procedureEndedAt}) and returns the id of the plan it opened. */
    public static String openPlan(String pathwayId, String caseId, Instant procedureEndedAt) {
        return openPlan(pathwayId, caseId, implantCompletedAt(pathwayId, caseId, procedureEndedAt));
    }

    public static String openPlan(String pathwayId, String caseId, String implantCompletedPayload) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.completed", pathwayId,
                    implantCompletedPayload);
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
