package org.itpump.dosing.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.Await;
import org.itpump.testing.AuditChecks;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * dosing-service's audit trail (issue 14, chassis AuditTrail): the therapy opened by implant.completed is audited as
 * system:dosing-service naming the event; a pump program and its audit row commit in one transaction (the
 * pump_program row's xmin is the audit row's) and the row names the therapy's patient (PT-77, ContractSamples),
 * though a program's answer carries none; a refusal on the therapy's path names it too.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class AuditTrailTest {

    @Inject
    Pool pool;

    @Test
    void aConsumedEventAndAProgramAreAuditedWithTheirChange() {
        String pathwayId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent("itpump.implant.events", eventId, "implant.completed", pathwayId,
                    ContractSamples.implantCompleted(pathwayId, UUID.randomUUID().toString()));
        }
        Row system = AuditChecks.awaitSystemRowOfEvent(pool, eventId);
        assertEquals("system:dosing-service", system.getString("actor"));
        assertEquals("implant.completed", system.getString("path"));
        assertEquals("PT-77", system.getString("patient_refs"));

        String clinician = AuditChecks.token("audit-clinician", Roles.CLINICIAN);
        String therapyId = Await.until(() -> given().auth().oauth2(clinician).queryParam("pathwayId", pathwayId)
                        .get("/pump-therapies").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), "the therapy of " + pathwayId).get(0).get("therapyId").toString();
        given().auth().oauth2(clinician).contentType(ContentType.JSON)
                .body(PumpTherapyResourceTest.morphine(10, 2, "opioid-tolerant, trial at 2 mg"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        AuditChecks.assertCommittedTogether(pool, "audit-clinician", "POST", "/pump-therapies/" + therapyId + "/programs",
                "select xmin::text as tx from pump_program where therapy_id = $1", UUID.fromString(therapyId), "PT-77");

        given().auth().oauth2(AuditChecks.token("audit-scheduler", Roles.SCHEDULER)).contentType(ContentType.JSON)
                .body(PumpTherapyResourceTest.morphine(10, 3, "x")).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(403);
        assertEquals("PT-77:403", AuditChecks.patientsAndStatus(pool, "audit-scheduler", "POST",
                "/pump-therapies/" + therapyId + "/programs"));
    }
}
