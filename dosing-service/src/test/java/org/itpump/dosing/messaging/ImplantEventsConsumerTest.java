package org.itpump.dosing.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.Await;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.PoisonCorpus;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.ContractSamples.implantCompleted;
import static org.itpump.testing.ContractSamples.trialStarted;
import static org.itpump.testing.TopicProbe.header;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class ImplantEventsConsumerTest {

    private static final String IMPLANT_TOPIC = "itpump.implant.events";
    private static final String TRIAL_TOPIC = "itpump.trial.events";
    private static final String DLQ = "itpump.dosing-service.dlq";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe published;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
        published = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.dosing.events");
    }

    @AfterAll
    static void close() {
        sender.close();
        published.close();
    }

    private static List<Map<String, Object>> recordsOf(String pathwayId) {
        return given().queryParam("pathwayId", pathwayId).when().get("/pump-therapies")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void anImplantCompletedOpensExactlyOneRecordEvenWhenRedelivered() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String marker = sender.sendTwiceThenMarker(IMPLANT_TOPIC, "implant.completed", pathwayId,
                implantCompleted(pathwayId, caseId), other -> implantCompleted(other, UUID.randomUUID().toString()));

        Await.until(() -> recordsOf(marker), list -> !list.isEmpty(), "the marker after the duplicate");
        List<Map<String, Object>> records = recordsOf(pathwayId);
        assertEquals(1, records.size(), "one therapy per implant");
        assertEquals("ACTIVE", records.get(0).get("status"));
        assertEquals(caseId, records.get(0).get("implantCaseId"));
        String id = (String) records.get(0).get("therapyId");
        given().when().get("/pump-therapies/{id}", id).then().statusCode(200);
        assertContract(published.await(ofType("dosing.therapy-opened", pathwayId), WAIT));
        assertEquals(1, published.drain(Duration.ofSeconds(1)).stream().filter(ofType("dosing.therapy-opened", pathwayId)).count());
    }

    @Test
    void aReplacementPumpEndsTheOldTherapyAndOpensASecondOneOnThePathway() {
        // issue 13: completing a replacement publishes the old pump's implant.explanted (replacedByCaseId, a reason new
        // in issue 13) and then the new pump's implant.completed (path REPLACEMENT), on one pathway key
        String pathwayId = UUID.randomUUID().toString();
        String oldCase = UUID.randomUUID().toString();
        String newCase = UUID.randomUUID().toString();
        sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.completed", pathwayId,
                implantCompleted(pathwayId, oldCase));
        Await.until(() -> recordsOf(pathwayId), list -> !list.isEmpty(), "the first therapy");
        sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.explanted", pathwayId, """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"BATTERY_END_OF_LIFE",
                 "explantedAt":"2026-11-30T10:00:00Z","replacedByCaseId":"%s","withdrawalPlan":null}"""
                .formatted(pathwayId, oldCase, newCase));
        sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.completed", pathwayId,
                implantCompleted(pathwayId, newCase).replace("\"anesthesia\"",
                        "\"path\":\"REPLACEMENT\",\"replacesCaseId\":\"" + oldCase + "\",\"anesthesia\""));

        List<Map<String, Object>> therapies = Await.until(() -> recordsOf(pathwayId), list -> list.size() == 2,
                "a second therapy on the pathway");
        Map<String, Object> old = therapies.stream().filter(t -> oldCase.equals(t.get("implantCaseId"))).findFirst().orElseThrow();
        Map<String, Object> next = therapies.stream().filter(t -> newCase.equals(t.get("implantCaseId"))).findFirst().orElseThrow();
        assertEquals("ENDED", Await.until(() -> given().when().get("/pump-therapies/{id}", old.get("therapyId"))
                .then().statusCode(200).extract().<String>path("status"), "ENDED"::equals, "the old therapy to end"));
        assertEquals("ACTIVE", next.get("status"));
        List<Map<String, Object>> active = given().queryParam("pathwayId", pathwayId).queryParam("status", "ACTIVE")
                .when().get("/pump-therapies").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(List.of(next.get("therapyId")), active.stream().map(t -> t.get("therapyId")).toList(),
                "one active therapy: the new pump's");
        // the old therapy ends before the new one opens
        published.await(r -> "dosing.therapy-opened".equals(header(r, "ce_type")) && r.value().contains(newCase), WAIT);
        List<String> order = published.drain(Duration.ZERO).stream().filter(r -> pathwayId.equals(header(r, "ce_subject")))
                .map(r -> header(r, "ce_type")).filter(t -> t.startsWith("dosing.therapy-")).toList();
        assertEquals(List.of("dosing.therapy-opened", "dosing.therapy-ended", "dosing.therapy-opened"), order);
    }

    @Test
    void otherImplantEventsAreIgnoredAndPoisonIsDeadLettered() {
        String pathwayId = UUID.randomUUID().toString();
        sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.scheduled", pathwayId,
                "{\"pathwayId\":\"" + pathwayId + "\",\"patientRef\":\"PT-1\",\"caseId\":\"" + UUID.randomUUID()
                        + "\",\"scheduledStart\":\"2026-12-01T08:00:00Z\"}");
        String invalid = UUID.randomUUID().toString();
        sender.sendCloudEvent(IMPLANT_TOPIC, invalid, "implant.completed", pathwayId,
                "{\"pathwayId\":\"" + pathwayId + "\",\"patientRef\":\"PT-1\",\"caseId\":\"c\",\"reservoirVolumeMl\":-1}");
        String caseId = UUID.randomUUID().toString();
        sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.completed", pathwayId,
                implantCompleted(pathwayId, caseId));

        try (TopicProbe deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.dosing-service.dlq")) {
            String reason = header(deadLetters.await(r -> invalid.equals(header(r, "ce_id")), WAIT), "dead-letter-reason");
            assertTrue(reason.contains("fails its schema"), reason);
        }
        List<Map<String, Object>> records = Await.until(() -> recordsOf(pathwayId), list -> !list.isEmpty(),
                "the good event after the poison");
        assertEquals(caseId, records.get(0).get("implantCaseId"));
    }

    @Test
    void unknownIdIs404() {
        given().when().get("/pump-therapies/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void noHeaderOrPayloadVariantOnTheImplantTopicStopsTheChannel() {
        List<PoisonCorpus.Variant> corpus = PoisonCorpus.of(IMPLANT_TOPIC, "implant.completed",
                id -> implantCompleted(id, UUID.randomUUID().toString()), "pumpPocketSide", "trial.passed");
        PoisonCorpus.assertEachDeadLetteredOrApplied(PathwayTestResource.bootstrapServers(), IMPLANT_TOPIC, DLQ, corpus,
                id -> implantCompleted(id, UUID.randomUUID().toString()), id -> !recordsOf(id).isEmpty());
        given().when().get("/q/health/live").then().statusCode(200).body("status", org.hamcrest.Matchers.is("UP"));
    }

    @Test
    void noHeaderOrPayloadVariantOnTheTrialTopicStopsTheChannel() {
        // dosing's effect of trial.started is its published dose check
        List<PoisonCorpus.Variant> corpus = PoisonCorpus.of(TRIAL_TOPIC, "trial.started",
                id -> trialStarted(id, UUID.randomUUID().toString()), "indication", "implant.completed");
        PoisonCorpus.assertEachDeadLetteredOrApplied(PathwayTestResource.bootstrapServers(), TRIAL_TOPIC, DLQ, corpus,
                id -> trialStarted(id, UUID.randomUUID().toString()),
                id -> published.drain(Duration.ofMillis(200)).stream().anyMatch(ofType("dosing.trial-dose-checked", id)));
        given().when().get("/q/health/live").then().statusCode(200).body("status", org.hamcrest.Matchers.is("UP"));
    }
}
