package org.itpump.followup.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import org.itpump.followup.FollowupTestSupport;
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
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe published;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
        published = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.followup.events");
    }

    @AfterAll
    static void close() {
        sender.close();
        published.close();
    }

    private static List<Map<String, Object>> recordsOf(String pathwayId) {
        return given().queryParam("pathwayId", pathwayId).when().get("/monitoring-plans")
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
        assertEquals(1, records.size(), "one plan per implant");
        assertEquals("ACTIVE", records.get(0).get("status"));
        assertEquals(caseId, records.get(0).get("implantCaseId"));
        String id = (String) records.get(0).get("planId");
        given().when().get("/monitoring-plans/{id}", id).then().statusCode(200)
                .body("implantCompletedAt", org.hamcrest.Matchers.equalTo("2026-11-26T14:00:00Z"))
                // the dates count from the procedure's end (13:30), not from when the completion was typed (14:00)
                .body("procedureEndedAt", org.hamcrest.Matchers.equalTo("2026-11-26T13:30:00Z"))
                .body("discharge.observationEndsAt", org.hamcrest.Matchers.equalTo("2026-11-26T17:30:00Z"))
                .body("visits.find { it.kind == 'WOUND_CHECK' }.dueAt", org.hamcrest.Matchers.equalTo("2026-12-03T13:30:00Z"))
                .body("monitoringWindowEndsAt", org.hamcrest.Matchers.equalTo("2027-02-18T13:30:00Z"))
                .body("device.model", org.hamcrest.Matchers.equalTo("SynchroMed II"))
                .body("timers", org.hamcrest.Matchers.hasSize(10))
                .body("timers.state", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("PENDING")));
        assertContract(published.await(ofType("followup.monitoring-started", pathwayId), WAIT));
        assertEquals(1, published.drain(Duration.ofSeconds(1)).stream().filter(ofType("followup.monitoring-started", pathwayId)).count());
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

        try (TopicProbe deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.followup-service.dlq")) {
            String reason = header(deadLetters.await(r -> invalid.equals(header(r, "ce_id")), WAIT), "dead-letter-reason");
            assertTrue(reason.contains("fails its schema"), reason);
        }
        List<Map<String, Object>> records = Await.until(() -> recordsOf(pathwayId), list -> !list.isEmpty(),
                "the good event after the poison");
        assertEquals(caseId, records.get(0).get("implantCaseId"));
    }

    @Test
    void anExplantForAnotherReasonThanInfectionClosesThePlanAndCancelsItsTimersOnceEvenWhenRedelivered() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String planId = FollowupTestSupport.openPlan(pathwayId, caseId, java.time.Instant.now().minusSeconds(3600));
        String eventId = UUID.randomUUID().toString();
        String explanted = FollowupTestSupport.implantExplanted(pathwayId, caseId, "DEVICE_MALFUNCTION", java.time.Instant.now());
        sender.sendCloudEvent(IMPLANT_TOPIC, eventId, "implant.explanted", pathwayId, explanted);
        sender.sendCloudEvent(IMPLANT_TOPIC, eventId, "implant.explanted", pathwayId, explanted);
        // a re-publication under a new id finds the plan closed already
        sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.explanted", pathwayId, explanted);

        Await.until(() -> recordsOf(pathwayId).get(0).get("status"), "CLOSED"::equals, "the plan to close");
        Await.until(() -> FollowupTestSupport.timersOf(planId),
                timers -> timers.stream().allMatch(t -> "CANCELLED".equals(t.get("state"))), "every timer cancelled");
        JsonNode closed = assertContract(published.await(ofType("followup.monitoring-closed", pathwayId), WAIT));
        assertEquals(planId, closed.path("planId").asText());
        assertEquals("EXPLANTED: DEVICE_MALFUNCTION", closed.path("reason").asText());
        assertEquals(1, published.drain(Duration.ofSeconds(2)).stream().filter(ofType("followup.monitoring-closed", pathwayId)).count());
        given().contentType("application/json").body(Map.of("dischargedAt", java.time.Instant.now().toString()))
                .when().post("/monitoring-plans/{id}/discharge", planId)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void anExplantBeforeItsCompletionIsHeldThenDeadLetteredNotAppliedToNothing() {
        // implant.explanted for a case whose implant.completed never came (e.g. dead-lettered): the explant is held
        // and retried for itpump.inbox.hold-for (5 s in tests), then dead-lettered to be redriven after the fix
        String pathwayId = UUID.randomUUID().toString();
        String explantId = UUID.randomUUID().toString();
        sender.sendCloudEvent(IMPLANT_TOPIC, explantId, "implant.explanted", pathwayId,
                FollowupTestSupport.implantExplanted(pathwayId, UUID.randomUUID().toString()));
        String marker = UUID.randomUUID().toString();
        sender.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.completed", pathwayId,
                implantCompleted(pathwayId, marker));

        try (TopicProbe deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.followup-service.dlq")) {
            String reason = header(deadLetters.await(r -> explantId.equals(header(r, "ce_id")), WAIT), "dead-letter-reason");
            assertTrue(reason.contains("held for PT5S") && reason.contains("no monitoring plan for implant case"), reason);
        }
        Await.until(() -> recordsOf(pathwayId), list -> !list.isEmpty(), "the next event after the held explant");
        assertEquals("ACTIVE", recordsOf(pathwayId).get(0).get("status"));
    }

    @Test
    void unknownIdIs404() {
        given().when().get("/monitoring-plans/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void noHeaderOrPayloadVariantStopsTheChannel() {
        List<PoisonCorpus.Variant> corpus = PoisonCorpus.of(IMPLANT_TOPIC, "implant.completed",
                id -> implantCompleted(id, UUID.randomUUID().toString()), "pumpPocketSide", "trial.passed");
        PoisonCorpus.assertEachDeadLetteredOrApplied(PathwayTestResource.bootstrapServers(), IMPLANT_TOPIC,
                "itpump.followup-service.dlq", corpus, id -> implantCompleted(id, UUID.randomUUID().toString()),
                id -> !recordsOf(id).isEmpty());
        given().when().get("/q/health/live").then().statusCode(200).body("status", org.hamcrest.Matchers.is("UP"));
    }
}
