package org.itpump.implant.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.implant.ImplantTestSupport;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
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
import static org.itpump.implant.ImplantTestSupport.TRIAL_TOPIC;
import static org.itpump.implant.ImplantTestSupport.awaitCases;
import static org.itpump.testing.ContractSamples.trialPassed;
import static org.hamcrest.Matchers.hasSize;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.header;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class TrialEventsConsumerTest {

    private static final String DLQ = "itpump.implant-service.dlq";
    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe deadLetters;
    private static TopicProbe implantEvents;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
        deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), DLQ);
        implantEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events");
    }

    @AfterAll
    static void close() {
        sender.close();
        deadLetters.close();
        implantEvents.close();
    }

    @Test
    void aPassedTrialOpensOneCaseAwaitingScheduling() {
        String pathwayId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId,
                trialPassed(pathwayId, trialId));

        List<Map<String, Object>> cases = awaitCases(pathwayId, 1);
        assertEquals("AWAITING_SCHEDULING", cases.get(0).get("status"));
        assertEquals(trialId, cases.get(0).get("trialId"));
        assertEquals(8, cases.get(0).get("baselineNrs"));
        ConsumerRecord<String, String> opened = implantEvents.await(ofType("implant.case-opened", pathwayId), WAIT);
        assertEquals(trialId, assertContract(opened).path("trialId").asText());
    }

    @Test
    void aRedeliveredTrialPassedOpensOneCaseNotTwo() {
        String pathwayId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, eventId, "trial.passed", pathwayId, trialPassed(pathwayId, trialId));
        sender.sendCloudEvent(TRIAL_TOPIC, eventId, "trial.passed", pathwayId, trialPassed(pathwayId, trialId));
        // even a re-publication under a new event id is the same trial
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId,
                trialPassed(pathwayId, trialId));
        String marker = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", marker,
                trialPassed(marker, UUID.randomUUID().toString()));

        awaitCases(marker, 1); // the partition consumed past the duplicates (same key, so same partition order)
        given().queryParam("pathwayId", pathwayId).when().get("/implant-cases")
                .then().statusCode(200).body("$", hasSize(1));
        long opened = implantEvents.drain(Duration.ofSeconds(1)).stream()
                .filter(ofType("implant.case-opened", pathwayId)).count();
        assertEquals(1, opened, "one implant.case-opened for the trial");
    }

    @Test
    void aTrialCancelledBeforeSurgeryClosesTheCaseAndFreesItsBooking() {
        String pathwayId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId, trialPassed(pathwayId, trialId));
        String caseId = (String) awaitCases(pathwayId, 1).get(0).get("caseId");
        String room = ImplantTestSupport.registerRoom();
        String surgeon = ImplantTestSupport.registerSurgeon();
        given().contentType(io.restassured.http.ContentType.JSON)
                .body(ImplantTestSupport.booking(room, surgeon, ImplantTestSupport.TOMORROW_9AM, 60))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);

        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.cancelled", pathwayId,
                ContractSamples.trialCancelled(pathwayId, trialId));

        Await.until(() -> ImplantTestSupport.casesOf(pathwayId).get(0).get("status"), "CLOSED"::equals, "the case to close");
        com.fasterxml.jackson.databind.JsonNode cancelled = assertContract(implantEvents.await(ofType("implant.cancelled", pathwayId), WAIT));
        // the service cancelled it itself: no person entered it (SIU SCH-20 falls back downstream)
        org.junit.jupiter.api.Assertions.assertTrue(cancelled.path("enteredBy").isMissingNode(), cancelled.toString());
        assertEquals("TRIAL_CANCELLED",
                assertContract(implantEvents.await(ofType("implant.case-closed", pathwayId), WAIT)).path("reason").asText());
        String other = ImplantTestSupport.openCase(UUID.randomUUID().toString());
        given().contentType(io.restassured.http.ContentType.JSON)
                .body(ImplantTestSupport.booking(room, surgeon, ImplantTestSupport.TOMORROW_9AM, 60))
                .when().post("/implant-cases/{id}/booking", other).then().statusCode(200);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheNextEventIsStillProcessed() {
        String pathwayId = UUID.randomUUID().toString();
        String unparseable = UUID.randomUUID().toString();
        String schemaInvalid = UUID.randomUUID().toString();
        String unknownType = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, unparseable, "trial.passed", pathwayId, "{\"pathwayId\": ");
        sender.sendCloudEvent(TRIAL_TOPIC, schemaInvalid, "trial.passed", pathwayId,
                "{\"pathwayId\":\"" + pathwayId + "\",\"patientRef\":\"Jane Doe\"}");
        sender.sendCloudEvent(TRIAL_TOPIC, unknownType, "trial.exploded", pathwayId, "{}");
        sender.send(TRIAL_TOPIC, pathwayId, "not a cloud event", Map.of());
        String trialId = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId,
                trialPassed(pathwayId, trialId));

        assertReason(deadLetters.await(r -> unparseable.equals(header(r, "ce_id")), WAIT), "not valid JSON");
        assertReason(deadLetters.await(r -> schemaInvalid.equals(header(r, "ce_id")), WAIT), "fails its schema");
        assertReason(deadLetters.await(r -> unknownType.equals(header(r, "ce_id")), WAIT), "unknown event type 'trial.exploded'");
        ConsumerRecord<String, String> noCloudEvent = deadLetters.await(r -> "not a cloud event".equals(r.value()), WAIT);
        assertReason(noCloudEvent, "not a CloudEvent");
        assertEquals(TRIAL_TOPIC, header(noCloudEvent, "dead-letter-topic"));

        assertEquals(trialId, awaitCases(pathwayId, 1).get(0).get("trialId"), "the good event after the poison");
    }

    @Test
    void aMalformedCeTimeIsDeadLetteredAndTheNextTrialPassedOnThePartitionOpensItsCase() {
        // the record that stopped the channel for good: SmallRye's CloudEvents parsing threw before our reader ran
        String pathwayId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = new java.util.HashMap<>(EventSender.cloudEventHeaders(TRIAL_TOPIC, eventId,
                "trial.passed", pathwayId));
        headers.put("ce_time", "yesterday-ish");
        sender.send(TRIAL_TOPIC, pathwayId, trialPassed(pathwayId, UUID.randomUUID().toString()), headers);
        String trialId = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", pathwayId,
                trialPassed(pathwayId, trialId)); // same key: same partition, behind the bad record

        assertReason(deadLetters.await(r -> eventId.equals(header(r, "ce_id")), WAIT),
                "ce_time 'yesterday-ish' is not an RFC 3339 timestamp");
        assertEquals(trialId, awaitCases(pathwayId, 1).get(0).get("trialId"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", org.hamcrest.Matchers.is("UP"));
    }

    @Test
    void noHeaderOrPayloadVariantStopsTheChannel() {
        List<PoisonCorpus.Variant> corpus = PoisonCorpus.of(TRIAL_TOPIC, "trial.passed",
                id -> trialPassed(id, UUID.randomUUID().toString()), "indication", "implant.completed");
        assertTrue(corpus.size() >= 25, "at least 25 variants, got " + corpus.size());
        PoisonCorpus.assertEachDeadLetteredOrApplied(PathwayTestResource.bootstrapServers(), TRIAL_TOPIC, DLQ, corpus,
                id -> trialPassed(id, UUID.randomUUID().toString()), id -> !ImplantTestSupport.casesOf(id).isEmpty());
        given().when().get("/q/health/live").then().statusCode(200).body("status", org.hamcrest.Matchers.is("UP"));
    }

    @Test
    void theInboxKnowsAnEventByItsSourceAndId() {
        // CloudEvents ids are unique per source only: the inbox records (source, id), and a second record with
        // both the same is a redelivery whatever its payload
        String eventId = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, eventId, "trial.passed", first, trialPassed(first, UUID.randomUUID().toString()));
        awaitCases(first, 1);
        String second = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, eventId, "trial.passed", second, trialPassed(second, UUID.randomUUID().toString()));
        // same source and id: a duplicate, dropped
        String marker = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", marker,
                trialPassed(marker, UUID.randomUUID().toString()));
        awaitCases(marker, 1);
        assertTrue(ImplantTestSupport.casesOf(second).isEmpty(), "same (source, id) is a redelivery");
        long rows = pool.preparedQuery("select count(*) from inbox_event where event_id = $1 and event_source = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(eventId, "urn:itpump:trial-service"))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, rows);
    }

    private static void assertReason(ConsumerRecord<String, String> deadLetter, String expected) {
        String reason = header(deadLetter, "dead-letter-reason");
        assertTrue(reason != null && reason.contains(expected), "reason '" + reason + "' should contain " + expected);
    }
}
