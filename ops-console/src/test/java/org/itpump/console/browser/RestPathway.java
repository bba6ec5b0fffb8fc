package org.itpump.console.browser;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.itpump.testing.Await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One patient driven through the pathway over the real services' REST APIs ({@link PackagedServices}), as staff
 * would: a candidate and a single-bolus trial (trial-service), the case implant-service opens from trial.passed,
 * its booking, pre-op checklist and surgery, the monitoring plan followup-service opens from implant.completed, and a
 * complication report. The same calls as deploy/local's PathwayEndToEndIT.
 */
final class RestPathway {

    private static final Duration WAIT = Duration.ofSeconds(60);

    final String patientRef;
    private final String staffToken = PackagedServices.token("it-staff", "clinician", "nurse", "scheduler", "pharmacist", "ops");
    String trialId;
    String pathwayId;
    String caseId;
    String planId;

    RestPathway(String patientRef) {
        this.patientRef = patientRef;
    }

    private RequestSpecification staff() {
        return given().header("Authorization", "Bearer " + staffToken).contentType(ContentType.JSON);
    }

    private static String trial() {
        return PackagedServices.url("trial-service");
    }

    static String implant() {
        return PackagedServices.url("implant-service");
    }

    private static String followup() {
        return PackagedServices.url("followup-service");
    }

    /** An eligible candidate and a 0.5 mg single-bolus morphine trial from baseline NRS {@code baselineNrs}: trial.started. */
    void startTrial(int baselineNrs) {
        String candidateId = staff().body(Map.of("patientRef", patientRef, "indication", "FAILED_BACK_SURGERY_SYNDROME"))
                .post(trial() + "/candidates").then().statusCode(201).extract().path("candidateId");
        staff().body(Map.of("documented", List.of("FAILED_CONSERVATIVE_THERAPY_DOCUMENTED", "PSYCHOLOGICAL_EVALUATION_CLEARED",
                        "NO_ACTIVE_INFECTION", "ANTICOAGULATION_PLAN", "INFORMED_CONSENT")))
                .put(trial() + "/candidates/{id}/eligibility", candidateId).then().statusCode(200);
        trialId = staff().body(Map.of("candidateId", candidateId, "trialType", "SINGLE_BOLUS", "drug", "morphine",
                        "dose", 0.5, "doseUnit", "mg", "baselineNrs", baselineNrs))
                .post(trial() + "/trials").then().statusCode(201).extract().path("trialId");
        pathwayId = staff().get(trial() + "/trials/{id}", trialId).then().statusCode(200).extract().path("pathwayId");
    }

    /** trial.assessment-recorded: NRS {@code nrs} 120 minutes after the dose. */
    void assess(int nrs) {
        staff().body(Map.of("nrs", nrs, "minutesSinceDose", 120, "oralMmePerDay", 60))
                .post(trial() + "/trials/{id}/assessments", trialId).then().statusCode(201);
    }

    /** The decision (expected PASSED): trial.passed; implant-service then opens the case (implant.case-opened). */
    void decide() {
        staff().post(trial() + "/trials/{id}/decision", trialId).then().statusCode(200);
        caseId = (String) awaitOne(implant() + "/implant-cases").get("caseId");
    }

    /** A new operating room and surgeon in implant-service: [roomId, surgeonId]. */
    String[] roomAndSurgeon(String roomName, String surgeonName) {
        String roomId = staff().body(Map.of("name", roomName)).post(implant() + "/operating-rooms")
                .then().statusCode(201).extract().path("operatingRoomId");
        String surgeonId = staff().body(Map.of("name", surgeonName, "staffRef", "S-" + patientRef + "-" + surgeonName.hashCode()))
                .post(implant() + "/surgeons").then().statusCode(201).extract().path("surgeonId");
        return new String[]{roomId, surgeonId};
    }

    /** The case as implant-service reports it (GET /implant-cases/{id}). */
    Map<String, Object> implantCase() {
        return staff().get(implant() + "/implant-cases/{id}", caseId).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** Confirms the pre-op items given. */
    void preOp(String... confirmed) {
        staff().body(Map.of("confirmed", List.of(confirmed))).put(implant() + "/implant-cases/{id}/pre-op-checklist", caseId)
                .then().statusCode(200);
    }

    /** The surgery, done 100 to 10 minutes ago: implant.completed; followup-service then opens the monitoring plan. */
    void complete() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        staff().body(Map.of("catheterEntryLevel", "L2-L3", "catheterTipLevel", "T10", "pumpPocketSide", "RIGHT",
                        "anesthesia", "SEDATION", "startedAt", now.minusMinutes(100).toString(), "endedAt", now.minusMinutes(10).toString(),
                        "device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II", "serialNumber", "NGP-" + patientRef,
                                "reservoirVolumeMl", 20)))
                .post(implant() + "/implant-cases/{id}/completion", caseId).then().statusCode(200);
        planId = (String) awaitOne(followup() + "/monitoring-plans").get("planId");
    }

    /** A moderate pocket infection with fever and drainage, started 5 minutes ago: one URGENT escalation; its id. */
    String reportInfection() {
        return staff().body(Map.of("kind", "INFECTION", "severity", "MODERATE",
                        "onsetAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString(), "features", List.of("FEVER", "WOUND_DRAINAGE")))
                .post(followup() + "/monitoring-plans/{id}/complications", planId).then().statusCode(201)
                .extract().path("escalations[0].escalationId");
    }

    /** The escalation as followup-service reports it (GET /escalations/{id}). */
    Map<String, Object> escalation(String escalationId) {
        return staff().get(followup() + "/escalations/{id}", escalationId).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private Map<String, Object> awaitOne(String url) {
        List<Map<String, Object>> found = Await.until(() -> staff().queryParam("pathwayId", pathwayId).get(url)
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), WAIT, "a record at " + url + " for pathway " + pathwayId);
        assertEquals(1, found.size(), "exactly one record at " + url);
        return found.get(0);
    }
}
