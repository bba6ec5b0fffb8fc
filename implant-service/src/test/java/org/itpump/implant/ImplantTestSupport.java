package org.itpump.implant;

import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;

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

    /** Sends trial.passed for a new pathway and returns the id of the case it opened. */
    public static String openCase(String pathwayId) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId,
                    ContractSamples.trialPassed(pathwayId, UUID.randomUUID().toString()));
        }
        return (String) awaitCases(pathwayId, 1).get(0).get("caseId");
    }
}
