package org.itpump.trial.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.Await;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.PoisonCorpus;
import org.itpump.testing.TopicProbe;
import org.itpump.trial.TrialTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.header;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saga's trial-service half (issue 12 section 6): dosing.trial-dose-checked with a HARD finding holds the trial
 * (no decision) until a clinician records an override, published as trial.dose-override-recorded with the clinician
 * from the token; a SOFT finding is only shown. The events are sent as dosing-service's outbox would.
 */
@QuarkusTest
@TestSecurity(user = "dr-hold", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class DosingEventsConsumerTest {

    private static final String DOSING_TOPIC = "itpump.dosing.events";
    private static final String DLQ = "itpump.trial-service.dlq";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BOLUS_FINDING = "The morphine bolus dose 10 mg exceeds the hard limit of 1 mg (drug library v1)";
    private static final String STARTING_FINDING = "The trial dose 10 mg is above the usual starting maximum of 0.5 mg";

    private static EventSender sender;
    private static TopicProbe trialEvents;
    private static TopicProbe deadLetters;

    @Inject
    Pool pool;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
        trialEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.trial.events");
        deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), DLQ);
    }

    @AfterAll
    static void close() {
        sender.close();
        trialEvents.close();
        deadLetters.close();
    }

    /** A dosing.trial-dose-checked payload as dosing-service writes it; findingDetails as [limit, rule, text] triples. */
    static String doseChecked(String pathwayId, String trialId, List<List<String>> details) {
        StringBuilder findings = new StringBuilder();
        StringBuilder detailJson = new StringBuilder();
        for (List<String> d : details) {
            findings.append(findings.isEmpty() ? "" : ",").append('"').append(d.get(2)).append('"');
            detailJson.append(detailJson.isEmpty() ? "" : ",").append("{\"limit\":\"").append(d.get(0))
                    .append("\",\"rule\":\"").append(d.get(1)).append("\",\"text\":\"").append(d.get(2)).append("\"}");
        }
        return "{\"pathwayId\":\"" + pathwayId + "\",\"patientRef\":\"PT-0001\",\"trialId\":\"" + trialId
                + "\",\"drug\":\"morphine\",\"dose\":10,\"doseUnit\":\"mg\",\"libraryVersion\":1,\"withinLimits\":"
                + details.isEmpty() + ",\"findings\":[" + findings + "],\"findingDetails\":[" + detailJson + "]}";
    }

    private static Map<String, Object> startTenMilligramBolusTrial() {
        Map<String, Object> order = new java.util.HashMap<>(TrialTestSupport.trialOrder(
                TrialTestSupport.eligibleCandidate("PT-0001"), 8));
        order.put("dose", 10);
        return given().contentType(ContentType.JSON).body(order).when().post("/trials").then().statusCode(201)
                .extract().jsonPath().getMap("$");
    }

    private static Map<String, Object> awaitDoseCheck(String trialId) {
        return Await.until(() -> given().when().get("/trials/{id}", trialId).then().statusCode(200)
                        .extract().jsonPath().<String, Object>getMap("doseCheck"),
                check -> check != null, WAIT, "the dose check of trial " + trialId);
    }

    @Test
    void aHardLimitFindingHoldsTheTrialUntilAClinicianRecordsAnOverride() {
        Map<String, Object> trial = startTenMilligramBolusTrial();
        String trialId = (String) trial.get("trialId");
        String pathwayId = (String) trial.get("pathwayId");
        for (int nrs : new int[]{4, 4}) { // baseline 8, mean 4: (8 - 4) / 8 = 50 % relief, a pass once released
            TrialTestSupport.assess(trialId, nrs);
        }
        sender.sendCloudEvent(DOSING_TOPIC, UUID.randomUUID().toString(), "dosing.trial-dose-checked", pathwayId,
                doseChecked(pathwayId, trialId, List.of(List.of("HARD", "max-bolus-dose", BOLUS_FINDING),
                        List.of("SOFT", "starting-daily-dose", STARTING_FINDING))));

        Map<String, Object> check = awaitDoseCheck(trialId);
        assertEquals(true, check.get("onHold"));
        assertEquals(false, check.get("withinLimits"));
        assertEquals(List.of(Map.of("limit", "HARD", "rule", "max-bolus-dose", "text", BOLUS_FINDING),
                Map.of("limit", "SOFT", "rule", "starting-daily-dose", "text", STARTING_FINDING)), check.get("findings"));

        given().when().post("/trials/{id}/decision", trialId).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("on hold (trial-dose-hard-limit)"))
                .body("detail", containsString("max-bolus-dose: " + BOLUS_FINDING));
        // the clinician is the token's, never the body's
        given().contentType(ContentType.JSON).body(Map.of("reason", "x", "overriddenBy", "someone-else"))
                .when().post("/trials/{id}/dose-override", trialId).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("reason", " "))
                .when().post("/trials/{id}/dose-override", trialId).then().statusCode(400);

        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "Dose was 1 mg as given; 10 mg was a typing slip, confirmed with the pharmacist"))
                .when().post("/trials/{id}/dose-override", trialId).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("doseCheck.onHold", is(false))
                .body("doseCheck.override.overriddenBy", equalTo("dr-hold"));
        ConsumerRecord<String, String> override = trialEvents.await(ofType("trial.dose-override-recorded", pathwayId), WAIT);
        JsonNode payload = assertContract(override);
        assertEquals("dr-hold", payload.path("overriddenBy").asText());
        assertEquals(trialId, payload.path("trialId").asText());
        assertEquals(1, payload.path("overriddenFindings").size(), "only the HARD finding is overridden");
        assertEquals("max-bolus-dose", payload.path("overriddenFindings").get(0).path("rule").asText());
        assertEquals("Dose was 1 mg as given; 10 mg was a typing slip, confirmed with the pharmacist",
                payload.path("reason").asText());

        given().contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post("/trials/{id}/dose-override", trialId).then().statusCode(409)
                .body("detail", containsString("an override was recorded by dr-hold"));
        given().when().post("/trials/{id}/decision", trialId).then().statusCode(200)
                .body("status", equalTo("PASSED"))
                .body("decision.reliefPercent", equalTo(50.0f));
    }

    @Test
    void aSoftFindingIsShownOnTheTrialAndTheDecisionGoesOn() {
        Map<String, Object> trial = startTenMilligramBolusTrial();
        String trialId = (String) trial.get("trialId");
        String pathwayId = (String) trial.get("pathwayId");
        TrialTestSupport.assess(trialId, 6); // (8 - 6) / 8 = 25 %: fails
        sender.sendCloudEvent(DOSING_TOPIC, UUID.randomUUID().toString(), "dosing.trial-dose-checked", pathwayId,
                doseChecked(pathwayId, trialId, List.of(List.of("SOFT", "starting-daily-dose", STARTING_FINDING))));

        Map<String, Object> check = awaitDoseCheck(trialId);
        assertEquals(false, check.get("onHold"));
        assertEquals(List.of(Map.of("limit", "SOFT", "rule", "starting-daily-dose", "text", STARTING_FINDING)),
                check.get("findings"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "nothing to override"))
                .when().post("/trials/{id}/dose-override", trialId).then().statusCode(409)
                .body("detail", containsString("found no hard limit exceeded"));
        given().when().post("/trials/{id}/decision", trialId).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("doseCheck.override", nullValue());
    }

    @Test
    void aCheckOfAnUnknownTrialIsHeldThenDeadLetteredWithItsReason() {
        String pathwayId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        sender.sendCloudEvent(DOSING_TOPIC, eventId, "dosing.trial-dose-checked", pathwayId,
                doseChecked(pathwayId, UUID.randomUUID().toString(), List.of()));

        // held for itpump.inbox.hold-for (5 s in tests), then dead-lettered
        String reason = header(deadLetters.await(r -> eventId.equals(header(r, "ce_id")), WAIT), "dead-letter-reason");
        assertTrue(reason != null && reason.contains("held for") && reason.contains("no trial"), reason);
    }

    @Test
    void noHeaderOrPayloadVariantStopsTheChannel() {
        // each variant's pathway gets a trial of its own (a row, as trial.started would have made it)
        java.util.function.Function<String, String> payload = pathwayId -> {
            String trialId = UUID.randomUUID().toString();
            pool.preparedQuery("insert into trial (id, pathway_id, patient_ref, baseline_nrs, status, started_at)"
                            + " values ($1, $2, 'PT-CORPUS', 8, 'IN_PROGRESS', now())")
                    .execute(Tuple.of(UUID.fromString(trialId), UUID.fromString(pathwayId))).await().indefinitely();
            return doseChecked(pathwayId, trialId, List.of(List.of("SOFT", "starting-daily-dose", STARTING_FINDING)));
        };
        List<PoisonCorpus.Variant> corpus = PoisonCorpus.of(DOSING_TOPIC, "dosing.trial-dose-checked", payload,
                "doseUnit", "trial.started");
        assertTrue(corpus.size() >= 25, "at least 25 variants, got " + corpus.size());
        PoisonCorpus.assertEachDeadLetteredOrApplied(PathwayTestResource.bootstrapServers(), DOSING_TOPIC, DLQ, corpus,
                payload, this::doseCheckRecorded);
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    private boolean doseCheckRecorded(String pathwayId) {
        var rows = pool.preparedQuery("select dose_checked_at is not null from trial where pathway_id = $1")
                .execute(Tuple.of(UUID.fromString(pathwayId))).await().indefinitely();
        return rows.size() == 1 && rows.iterator().next().getBoolean(0);
    }
}
