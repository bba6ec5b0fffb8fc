package org.itpump.trial.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.AuditChecks;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.trial.domain.EligibilityItem;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * trial-service's audit trail (issue 14, chassis AuditTrail): a write's audit row commits with its business row;
 * an audit row that cannot be written answers 503 and leaves no candidate and no outbox row; a refusal on a trial's
 * path and an assessment (whose answer names no patient) carry the trial's patient; a consumed event's effect is
 * recorded as system:trial-service naming the event.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class AuditTrailTest {

    @Inject
    Pool pool;

    @Test
    void aCandidateAndItsAuditRowCommitTogether() {
        String candidateId = register("audit-registrar", "PT-AUD-1").extract().path("candidateId");
        AuditChecks.assertCommittedTogether(pool, "audit-registrar", "POST", "/candidates",
                "select xmin::text as tx from candidate where id = $1", UUID.fromString(candidateId), "PT-AUD-1");
    }

    @Test
    void anAuditRowThatCannotBeWrittenAnswers503AndWritesNothing() {
        AuditChecks.refuseAuditRowsOf(pool);
        long candidates = AuditChecks.count(pool, "select count(*) from candidate");
        long outbox = AuditChecks.count(pool, "select count(*) from outbox_event");
        ExtractableResponse<Response> answer = register(AuditChecks.REFUSED, "PT-AUD-503").extract();
        assertEquals(503, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/problem+json"));
        assertEquals(candidates, AuditChecks.count(pool, "select count(*) from candidate"), "no candidate row");
        assertEquals(outbox, AuditChecks.count(pool, "select count(*) from outbox_event"), "no outbox row");
        assertEquals(0, AuditChecks.count(pool, "select count(*) from candidate where patient_ref = 'PT-AUD-503'"));
    }

    @Test
    void aRefusalOnATrialAndAnAssessmentCarryTheTrialsPatient() {
        String nurse = AuditChecks.token("audit-nurse", Roles.NURSE);
        String candidateId = register("audit-nurse-registrar", "PT-AUD-2").extract().path("candidateId");
        given().auth().oauth2(nurse).contentType(ContentType.JSON)
                .body(Map.of("documented", Arrays.asList(EligibilityItem.values())))
                .put("/candidates/{id}/eligibility", candidateId).then().statusCode(200);
        String trialId = given().auth().oauth2(AuditChecks.token("audit-clinician", Roles.CLINICIAN))
                .contentType(ContentType.JSON).body(Map.of("candidateId", candidateId, "trialType", "SINGLE_BOLUS",
                        "drug", "morphine", "dose", 0.5, "doseUnit", "mg", "baselineNrs", 7))
                .post("/trials").then().statusCode(201).extract().path("trialId");
        given().auth().oauth2(nurse).contentType(ContentType.JSON)
                .body(Map.of("nrs", 3, "minutesSinceDose", 60, "oralMmePerDay", 40))
                .post("/trials/{id}/assessments", trialId).then().statusCode(201);
        String refused = given().auth().oauth2(AuditChecks.token("audit-scheduler", Roles.SCHEDULER))
                .get("/trials/{id}", trialId).then().statusCode(403).extract().asString();
        assertFalse(refused.contains("PT-AUD-2"), refused);

        assertEquals("PT-AUD-2:200", AuditChecks.patientsAndStatus(pool, "audit-nurse", "POST",
                "/trials/" + trialId + "/assessments"), "the assessment's row names the trial's patient");
        assertEquals("PT-AUD-2:403", AuditChecks.patientsAndStatus(pool, "audit-scheduler", "GET", "/trials/" + trialId),
                "the refusal's row names the trial's patient (internal; the answer does not)");
    }

    @Test
    void aConsumedEventsEffectIsAuditedAsTheServiceNamingTheEvent() {
        String candidateId = register("audit-consumer-registrar", "PT-AUD-3").extract().path("candidateId");
        given().auth().oauth2(AuditChecks.token("audit-consumer-registrar", Roles.CLINICIAN)).contentType(ContentType.JSON)
                .body(Map.of("documented", Arrays.asList(EligibilityItem.values())))
                .put("/candidates/{id}/eligibility", candidateId).then().statusCode(200);
        Map<String, Object> trial = given().auth().oauth2(AuditChecks.token("audit-consumer-registrar", Roles.CLINICIAN))
                .contentType(ContentType.JSON).body(Map.of("candidateId", candidateId, "trialType", "SINGLE_BOLUS",
                        "drug", "morphine", "dose", 0.5, "doseUnit", "mg", "baselineNrs", 7))
                .post("/trials").then().statusCode(201).extract().jsonPath().getMap("$");
        String pathwayId = (String) trial.get("pathwayId");
        String eventId = UUID.randomUUID().toString();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent("itpump.dosing.events", eventId, "dosing.trial-dose-checked", pathwayId,
                    "{\"pathwayId\":\"" + pathwayId + "\",\"patientRef\":\"PT-AUD-3\",\"trialId\":\"" + trial.get("trialId")
                            + "\",\"drug\":\"morphine\",\"dose\":0.5,\"doseUnit\":\"mg\",\"libraryVersion\":1,"
                            + "\"withinLimits\":true,\"findings\":[],\"findingDetails\":[]}");
        }
        Row audit = AuditChecks.awaitSystemRowOfEvent(pool, eventId);
        assertEquals("system:trial-service", audit.getString("actor"));
        assertEquals("EVENT", audit.getString("method"));
        assertEquals("dosing.trial-dose-checked", audit.getString("path"));
        assertEquals("PT-AUD-3", audit.getString("patient_refs"));
        assertTrue(audit.getString("caused_by").endsWith(" " + eventId), audit.getString("caused_by"));
    }

    private static io.restassured.response.ValidatableResponse register(String actor, String patientRef) {
        return given().auth().oauth2(AuditChecks.token(actor, Roles.CLINICIAN)).contentType(ContentType.JSON)
                .body(Map.of("patientRef", patientRef, "indication", "FAILED_BACK_SURGERY_SYNDROME"))
                .when().post("/candidates").then();
    }
}
