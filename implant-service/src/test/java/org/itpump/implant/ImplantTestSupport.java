package org.itpump.implant;

import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;

import io.restassured.http.ContentType;
import org.itpump.implant.domain.PreOpItem;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Opens implant cases the way production does: a trial.passed event on the trial topic. */
public final class ImplantTestSupport {

    public static final String TRIAL_TOPIC = "itpump.trial.events";

    private ImplantTestSupport() {
    }

    public static List<Map<String, Object>> casesOf(String pathwayId) {
        return given().queryParam("pathwayId", pathwayId).when().get("/implant-cases")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    public static List<Map<String, Object>> awaitCases(String pathwayId, int expected) {
        return Await.until(() -> casesOf(pathwayId), cases -> cases.size() >= expected,
                expected + " implant case(s) for pathway " + pathwayId);
    }

    public static final String TOMORROW_9AM = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)
            .truncatedTo(ChronoUnit.DAYS).plusHours(9).toString();

    public static String registerRoom() {
        return given().contentType(ContentType.JSON).body(Map.of("name", "OR-" + UUID.randomUUID()))
                .when().post("/operating-rooms").then().statusCode(201).extract().path("operatingRoomId");
    }

    public static String registerSurgeon() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Dr A. Surgeon", "staffRef", "STAFF-" + UUID.randomUUID()))
                .when().post("/surgeons").then().statusCode(201).extract().path("surgeonId");
    }

    public static Map<String, Object> booking(String roomId, String surgeonId, String start, int minutes) {
        return Map.of("operatingRoomId", roomId, "surgeonId", surgeonId, "start", start, "durationMinutes", minutes);
    }

    public static void confirmPreOp(String caseId) {
        given().contentType(ContentType.JSON).body(Map.of("confirmed", List.of(PreOpItem.values())))
                .when().put("/implant-cases/{id}/pre-op-checklist", caseId).then().statusCode(200);
    }

    public static Map<String, Object> procedure(int reservoirMl) {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        return Map.of("catheterEntryLevel", "L2-L3", "catheterTipLevel", "T10", "pumpPocketSide", "RIGHT",
                "device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II", "serialNumber", "NGP123456H",
                        "reservoirVolumeMl", reservoirMl),
                "anesthesia", "SEDATION", "startedAt", end.minusMinutes(90).toString(), "endedAt", end.toString());
    }

    /** Sends trial.passed for a new pathway and returns the id of the case it opened. */
    public static String openCase(String pathwayId) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId,
                    ContractSamples.trialPassed(pathwayId, UUID.randomUUID().toString()));
        }
        return (String) awaitCases(pathwayId, 1).get(0).get("caseId");
    }
}
