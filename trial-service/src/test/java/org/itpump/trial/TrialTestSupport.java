package org.itpump.trial;

import io.restassured.http.ContentType;
import org.itpump.trial.domain.EligibilityItem;

import java.util.Arrays;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Drives trial-service over REST the way a clinician's system does. */
public final class TrialTestSupport {

    private TrialTestSupport() {
    }

    public static String registerCandidate(String patientRef) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("patientRef", patientRef, "indication", "FAILED_BACK_SURGERY_SYNDROME"))
                .when().post("/candidates").then().statusCode(201).extract().path("candidateId");
    }

    public static String eligibleCandidate(String patientRef) {
        String candidateId = registerCandidate(patientRef);
        given().contentType(ContentType.JSON).body(Map.of("documented", Arrays.asList(EligibilityItem.values())))
                .when().put("/candidates/{id}/eligibility", candidateId).then().statusCode(200);
        return candidateId;
    }

    public static Map<String, Object> trialOrder(String candidateId, int baselineNrs) {
        return Map.of("candidateId", candidateId, "trialType", "SINGLE_BOLUS", "drug", "morphine",
                "dose", 0.5, "doseUnit", "mg", "baselineNrs", baselineNrs);
    }

    /** Starts a trial for a new eligible candidate; returns the response body's fields. */
    public static Map<String, Object> startTrial(int baselineNrs) {
        return given().contentType(ContentType.JSON).body(trialOrder(eligibleCandidate("PT-0001"), baselineNrs))
                .when().post("/trials").then().statusCode(201).extract().jsonPath().getMap("$");
    }

    public static void assess(String trialId, int nrs) {
        given().contentType(ContentType.JSON).body(Map.of("nrs", nrs, "minutesSinceDose", 60, "oralMmePerDay", 40))
                .when().post("/trials/{id}/assessments", trialId).then().statusCode(201);
    }
}
