package org.itpump.followup.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.itpump.chassis.security.Roles;
import org.itpump.followup.FollowupTestSupport;
import org.itpump.testing.Await;
import org.itpump.testing.AuditChecks;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * followup-service's audit trail (issue 14, chassis AuditTrail): the plan opened by implant.completed is audited as
 * system:followup-service naming the event; a complication and its audit row commit in one transaction (the
 * complication row's xmin is the audit row's) and the row names the plan's patient (PT-77, ContractSamples);
 * a refusal on the plan's path names it too.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class AuditTrailTest {

    @Inject
    Pool pool;

    @Test
    void aConsumedEventAndAComplicationAreAuditedWithTheirChange() {
        String pathwayId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(FollowupTestSupport.IMPLANT_TOPIC, eventId, "implant.completed", pathwayId,
                    FollowupTestSupport.implantCompletedAt(pathwayId, UUID.randomUUID().toString(),
                            Instant.now().minus(2, ChronoUnit.DAYS)));
        }
        Row system = AuditChecks.awaitSystemRowOfEvent(pool, eventId);
        assertEquals("system:followup-service", system.getString("actor"));
        assertEquals("implant.completed", system.getString("path"));
        assertEquals("PT-77", system.getString("patient_refs"));

        String nurse = AuditChecks.token("audit-nurse", Roles.NURSE);
        String planId = Await.until(() -> given().auth().oauth2(nurse).queryParam("pathwayId", pathwayId)
                        .get("/monitoring-plans").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), "the plan of " + pathwayId).get(0).get("planId").toString();
        Map<String, Object> complication = Map.of("kind", "INFECTION", "severity", "MODERATE",
                "onsetAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "features", List.of("FEVER"));
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(complication)
                .post("/monitoring-plans/{id}/complications", planId).then().statusCode(201);
        AuditChecks.assertCommittedTogether(pool, "audit-nurse", "POST", "/monitoring-plans/" + planId + "/complications",
                "select xmin::text as tx from complication where plan_id = $1", UUID.fromString(planId), "PT-77");

        given().auth().oauth2(AuditChecks.token("audit-scheduler", Roles.SCHEDULER)).contentType(ContentType.JSON)
                .body(complication).post("/monitoring-plans/{id}/complications", planId).then().statusCode(403);
        assertEquals("PT-77:403", AuditChecks.patientsAndStatus(pool, "audit-scheduler", "POST",
                "/monitoring-plans/" + planId + "/complications"));
    }
}
