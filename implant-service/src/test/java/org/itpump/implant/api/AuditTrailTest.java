package org.itpump.implant.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.itpump.chassis.security.Roles;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.testing.Await;
import org.itpump.testing.AuditChecks;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * implant-service's audit trail (issue 14, chassis AuditTrail): the case opened by trial.passed is audited as
 * system:implant-service naming the event; a pre-op checklist and its audit row commit in one transaction (the
 * implant_case row's xmin is the audit row's) and the row names the case's patient (PT-77, ContractSamples);
 * a refusal on the case's path names it too.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class AuditTrailTest {

    @Inject
    Pool pool;

    @Test
    void aConsumedEventAndAChecklistAreAuditedWithTheirChange() {
        String pathwayId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent("itpump.trial.events", eventId, "trial.passed", pathwayId,
                    ContractSamples.trialPassed(pathwayId, UUID.randomUUID().toString()));
        }
        Row system = AuditChecks.awaitSystemRowOfEvent(pool, eventId);
        assertEquals("system:implant-service", system.getString("actor"));
        assertEquals("trial.passed", system.getString("path"));
        assertEquals("PT-77", system.getString("patient_refs"));

        String nurse = AuditChecks.token("audit-nurse", Roles.NURSE);
        String caseId = Await.until(() -> given().auth().oauth2(nurse).queryParam("pathwayId", pathwayId)
                        .get("/implant-cases").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                cases -> !cases.isEmpty(), "the case of " + pathwayId).get(0).get("caseId").toString();
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(Map.of("confirmed", List.of(PreOpItem.values())))
                .put("/implant-cases/{id}/pre-op-checklist", caseId).then().statusCode(200);
        AuditChecks.assertCommittedTogether(pool, "audit-nurse", "PUT", "/implant-cases/" + caseId + "/pre-op-checklist",
                "select xmin::text as tx from implant_case where id = $1", UUID.fromString(caseId), "PT-77");

        given().auth().oauth2(AuditChecks.token("audit-pharmacist", Roles.PHARMACIST)).contentType(ContentType.JSON)
                .body(Map.of("confirmed", List.of())).put("/implant-cases/{id}/pre-op-checklist", caseId)
                .then().statusCode(403);
        assertEquals("PT-77:403", AuditChecks.patientsAndStatus(pool, "audit-pharmacist", "PUT",
                "/implant-cases/" + caseId + "/pre-op-checklist"));
    }
}
