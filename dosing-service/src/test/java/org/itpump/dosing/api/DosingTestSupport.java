package org.itpump.dosing.api;

import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the issue-12 REST tests share: a therapy opened the way production opens it (implant.completed). */
final class DosingTestSupport {

    private DosingTestSupport() {
    }

    /** Returns {pathwayId, caseId, therapyId} of a new therapy with a 40 mL pump. */
    static Map<String, String> openTherapy(EventSender sender) {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.completed", pathwayId,
                ContractSamples.implantCompleted(pathwayId, caseId));
        List<Map<String, Object>> therapies = Await.until(() -> given().queryParam("pathwayId", pathwayId)
                        .get("/pump-therapies").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), "the therapy of pathway " + pathwayId);
        return Map.of("pathwayId", pathwayId, "caseId", caseId, "therapyId", (String) therapies.get(0).get("therapyId"));
    }
}
