package org.itpump.implant.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.security.Roles;
import org.itpump.implant.ImplantTestSupport;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.itpump.implant.ImplantTestSupport.TOMORROW_9AM;
import static org.itpump.implant.ImplantTestSupport.TRIAL_TOPIC;
import static org.itpump.implant.ImplantTestSupport.awaitCases;
import static org.itpump.implant.ImplantTestSupport.booking;
import static org.itpump.implant.ImplantTestSupport.confirmPreOp;
import static org.itpump.implant.ImplantTestSupport.openCase;
import static org.itpump.implant.ImplantTestSupport.procedure;
import static org.itpump.implant.ImplantTestSupport.registerRoom;
import static org.itpump.implant.ImplantTestSupport.registerSurgeon;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.header;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 over the real broker and PostgreSQL: a replacement pump (battery end of life, malfunction) opens a new
 * case on the same pathway without a new trial, and an explant planned in advance records its withdrawal plan.
 */
@QuarkusTest
@TestSecurity(user = "dr-house", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class PumpReplacementResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Books, checks and completes the case: its pump is in. */
    private static void implant(String caseId) {
        given().contentType(ContentType.JSON).body(booking(registerRoom(), registerSurgeon(), TOMORROW_9AM, 120))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
        confirmPreOp(caseId);
        given().contentType(ContentType.JSON).body(procedure(20))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    private static io.restassured.response.ValidatableResponse replace(String caseId, String reason) {
        return given().contentType(ContentType.JSON).body(Map.of("reason", reason))
                .when().post("/implant-cases/{id}/replacement", caseId).then();
    }

    private static JsonNode payload(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBatteryAtEndOfLifeIsReplacedWithoutATrialAndTheOldPumpIsExplantedBeforeTheNewIsCompleted() {
        String pathwayId = UUID.randomUUID().toString();
        String oldCase = openCase(pathwayId);
        implant(oldCase);
        String trialId = given().when().get("/implant-cases/{id}", oldCase).then().statusCode(200)
                .body("path", equalTo("TRIAL")).body("replacesCaseId", nullValue())
                .extract().path("trialId");

        var created = replace(oldCase, "BATTERY_END_OF_LIFE").statusCode(201);
        String newCase = created.extract().path("caseId");
        created.header("Location", endsWith("/implant-cases/" + newCase))
                .body("path", equalTo("REPLACEMENT")).body("replacesCaseId", equalTo(oldCase))
                .body("replacementReason", equalTo("BATTERY_END_OF_LIFE")).body("status", equalTo("AWAITING_SCHEDULING"))
                .body("pathwayId", equalTo(pathwayId)).body("trialId", equalTo(trialId)).body("baselineNrs", equalTo(8))
                .body("patientRef", equalTo("PT-77")).body("preOpMissing.size()", equalTo(4));
        // the old pump stays in (and its case COMPLETED) until the replacement surgery
        given().when().get("/implant-cases/{id}", oldCase).then().body("status", equalTo("COMPLETED"));

        implant(newCase);

        given().when().get("/implant-cases/{id}", oldCase).then().statusCode(200)
                .body("status", equalTo("EXPLANTED")).body("explantReason", equalTo("BATTERY_END_OF_LIFE"))
                .body("replacedByCaseId", equalTo(newCase));
        String newEnd = given().when().get("/implant-cases/{id}", newCase).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).extract().path("procedure.endedAt");
        assertEquals(java.time.OffsetDateTime.parse(newEnd).toInstant(), java.time.OffsetDateTime.parse(
                given().when().get("/implant-cases/{id}", oldCase).then().extract().<String>path("explantedAt")).toInstant(),
                "the old pump came out in the replacement's surgery");

        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            JsonNode opened = assertContract(probe.await(r -> "implant.case-opened".equals(header(r, "ce_type"))
                    && payload(r).path("caseId").asText().equals(newCase), WAIT));
            assertEquals("REPLACEMENT", opened.path("path").asText());
            assertEquals(oldCase, opened.path("replacesCaseId").asText());
            assertEquals(trialId, opened.path("trialId").asText());
            probe.await(r -> "implant.completed".equals(header(r, "ce_type"))
                    && payload(r).path("caseId").asText().equals(newCase), WAIT);
            List<ConsumerRecord<String, String>> pathway = probe.drain(Duration.ZERO).stream()
                    .filter(r -> pathwayId.equals(header(r, "ce_subject"))).toList();
            List<String> order = pathway.stream().map(r -> header(r, "ce_type") + ":" + payload(r).path("caseId").asText())
                    .filter(s -> s.startsWith("implant.completed") || s.startsWith("implant.explanted")).toList();
            // the first implant, then (one transaction) the old pump out before the new pump in
            assertEquals(List.of("implant.completed:" + oldCase, "implant.explanted:" + oldCase,
                    "implant.completed:" + newCase), order);
            JsonNode explanted = assertContract(pathway.stream().filter(ofType("implant.explanted", pathwayId))
                    .findFirst().orElseThrow());
            assertEquals("BATTERY_END_OF_LIFE", explanted.path("reason").asText());
            assertEquals(newCase, explanted.path("replacedByCaseId").asText());
            JsonNode completed = assertContract(pathway.stream().filter(r -> newCase.equals(payload(r).path("caseId").asText())
                    && "implant.completed".equals(header(r, "ce_type"))).findFirst().orElseThrow());
            assertEquals("REPLACEMENT", completed.path("path").asText());
            assertEquals(oldCase, completed.path("replacesCaseId").asText());
            assertEquals(8, completed.path("baselineNrs").asInt(), "the pre-trial baseline goes on");
            JsonNode firstCompleted = payload(pathway.stream().filter(r -> oldCase.equals(payload(r).path("caseId").asText())
                    && "implant.completed".equals(header(r, "ce_type"))).findFirst().orElseThrow());
            assertEquals("TRIAL", firstCompleted.path("path").asText());
        }
        List<String> oldHistory = given().when().get("/implant-cases/{id}/history", oldCase)
                .then().statusCode(200).extract().jsonPath().getList("what");
        assertEquals(List.of("case opened", "surgery booked", "pre-op checklist", "implant completed",
                "replacement opened", "pump explanted"), oldHistory);
        // the pump now in is the replacement's: the old case is not replaced a second time
        replace(oldCase, "DEVICE_MALFUNCTION").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("replace that case instead"));
    }

    @Test
    void aSecondOpenReplacementAndANeverImplantedCaseAre409() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = openCase(pathwayId);
        replace(caseId, "DEVICE_MALFUNCTION").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is AWAITING_SCHEDULING: only a case whose pump was implanted"));
        implant(caseId);
        String first = replace(caseId, "DEVICE_MALFUNCTION").statusCode(201).extract().path("caseId");
        replace(caseId, "BATTERY_END_OF_LIFE").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already has replacement case " + first + " (AWAITING_SCHEDULING)"));
        replace(UUID.randomUUID().toString(), "DEVICE_MALFUNCTION").statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/implant-cases/{id}/replacement", caseId)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("reason", "WORN_OUT"))
                .when().post("/implant-cases/{id}/replacement", caseId).then().statusCode(400);
    }

    @Test
    void aClosedCaseCannotBeReplacedAndARedeliveredTrialPassedStillOpensOneTrialCase() {
        String pathwayId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId,
                    ContractSamples.trialPassed(pathwayId, trialId));
            String closed = (String) awaitCases(pathwayId, 1).get(0).get("caseId");
            sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.cancelled", pathwayId,
                    ContractSamples.trialCancelled(pathwayId, trialId));
            Await.until(() -> given().when().get("/implant-cases/{id}", closed).then().extract().<String>path("status"),
                    "CLOSED"::equals, "the case to close");
            replace(closed, "BATTERY_END_OF_LIFE").statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("is CLOSED"));
        }

        // a replacement shares its trial id with the TRIAL case; trial.passed of that trial again opens nothing
        String other = UUID.randomUUID().toString();
        String otherTrial = UUID.randomUUID().toString();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", other,
                    ContractSamples.trialPassed(other, otherTrial));
            String first = (String) awaitCases(other, 1).get(0).get("caseId");
            implant(first);
            replace(first, "BATTERY_END_OF_LIFE").statusCode(201);
            sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", other,
                    ContractSamples.trialPassed(other, otherTrial));
            // a marker on the same pathway (same key, same partition, read after it): a new trial's case
            sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", other,
                    ContractSamples.trialPassed(other, UUID.randomUUID().toString()));
            List<Map<String, Object>> cases = awaitCases(other, 3);
            assertEquals(3, cases.size(), "the TRIAL case, its REPLACEMENT and the marker's case: " + cases);
            assertEquals(1, cases.stream().filter(c -> otherTrial.equals(c.get("trialId")) && "TRIAL".equals(c.get("path"))).count());
            assertEquals(1, cases.stream().filter(c -> "REPLACEMENT".equals(c.get("path"))).count());
        }
    }

    @Test
    void aReplacementOfAPumpAlreadyOutExplantsNothingMore() {
        String caseId = openCase(UUID.randomUUID().toString());
        implant(caseId);
        given().contentType(ContentType.JSON).body(Map.of("reason", "INFECTION"))
                .when().post("/implant-cases/{id}/explant", caseId).then().statusCode(200);
        String newCase = replace(caseId, "INFECTION").statusCode(201).extract().path("caseId");
        implant(newCase);
        given().when().get("/implant-cases/{id}", caseId).then().statusCode(200)
                .body("status", equalTo("EXPLANTED")).body("explantReason", equalTo("INFECTION"))
                .body("replacedByCaseId", nullValue());
        List<String> history = given().when().get("/implant-cases/{id}/history", caseId)
                .then().statusCode(200).extract().jsonPath().getList("what");
        assertEquals(List.of("case opened", "surgery booked", "pre-op checklist", "implant completed", "pump explanted",
                "replacement opened", "replacement completed"), history);
    }

    // ---- the withdrawal plan of an explant planned in advance ----

    @Test
    void anExplantRecordsItsTaperAndPublishesIt() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = openCase(pathwayId);
        implant(caseId);
        String tenDaysAgo = LocalDate.now(ZoneOffset.UTC).minusDays(10).toString();
        Map<String, Object> plan = Map.of("kind", "TAPER", "startedOn", tenDaysAgo,
                "detail", "IT baclofen reduced 20 % every 2 days; oral baclofen 10 mg tds from the explant");
        given().contentType(ContentType.JSON).body(Map.of("reason", "PATIENT_REQUEST", "withdrawalPlan", plan))
                .when().post("/implant-cases/{id}/explant", caseId)
                .then().statusCode(200).body("status", equalTo("EXPLANTED"))
                .body("withdrawalPlan.kind", equalTo("TAPER")).body("withdrawalPlan.startedOn", equalTo(tenDaysAgo))
                .body("withdrawalPlan.detail", containsString("20 % every 2 days"));
        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            JsonNode explanted = assertContract(probe.await(ofType("implant.explanted", pathwayId), WAIT));
            assertEquals("TAPER", explanted.path("withdrawalPlan").path("kind").asText());
            assertEquals(tenDaysAgo, explanted.path("withdrawalPlan").path("startedOn").asText());
            assertTrue(explanted.path("replacedByCaseId").isNull());
        }
        given().when().get("/implant-cases/{id}/history", caseId).then()
                .body("detail", hasItem("PATIENT_REQUEST; withdrawal plan TAPER since " + tenDaysAgo));
    }

    @Test
    void aWithdrawalPlanInTheFutureIs422AndABadOneIs400() {
        String caseId = openCase(UUID.randomUUID().toString());
        implant(caseId);
        // the tests' hospital zone is UTC: tomorrow there is in the future
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        Map<String, Object> body = new HashMap<>(Map.of("reason", "PATIENT_REQUEST",
                "withdrawalPlan", Map.of("kind", "ORAL_BRIDGE", "startedOn", tomorrow)));
        given().contentType(ContentType.JSON).body(body).when().post("/implant-cases/{id}/explant", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("cannot start in the future"));
        body.put("withdrawalPlan", Map.of("kind", "ORAL_BRIDGE", "startedOn", tomorrow.substring(0, 10), "detail", "x".repeat(501)));
        given().contentType(ContentType.JSON).body(body).when().post("/implant-cases/{id}/explant", caseId)
                .then().statusCode(400).contentType("application/problem+json");
        body.put("withdrawalPlan", Map.of("startedOn", LocalDate.now(ZoneOffset.UTC).toString()));
        given().contentType(ContentType.JSON).body(body).when().post("/implant-cases/{id}/explant", caseId)
                .then().statusCode(400);
        // nothing was recorded: the pump is still in, and an explant without a plan goes through
        given().contentType(ContentType.JSON).body(Map.of("reason", "PATIENT_REQUEST"))
                .when().post("/implant-cases/{id}/explant", caseId)
                .then().statusCode(200).body("withdrawalPlan", nullValue());
    }
}
