package org.itpump.followup.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.itpump.chassis.security.Roles;
import org.itpump.followup.FollowupTestSupport;
import org.itpump.testing.Await;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.itpump.followup.FollowupTestSupport.FOLLOWUP_TOPIC;
import static org.itpump.followup.FollowupTestSupport.openPlan;
import static org.itpump.followup.FollowupTestSupport.programPumpAndAwaitPlan;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 over the real broker and PostgreSQL: the first intrathecal opioid dose's observation, an explant of a
 * withdrawal-critical drug's pump or for infection, the new emergencies and the pump model's MRI advice.
 */
@QuarkusTest
@TestSecurity(user = "dr-house", roles = {Roles.CLINICIAN, Roles.NURSE})
@WithTestResource(PathwayTestResource.class)
class PostImplantSafetyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Two days ago, 08:00 UTC (the tests' hospital zone): 4 h later is the same day, 24 h later the next; both past. */
    private static final Instant SURGERY_END = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS)
            .plus(8, ChronoUnit.HOURS);
    private static TopicProbe published;

    @BeforeAll
    static void connect() {
        published = new TopicProbe(PathwayTestResource.bootstrapServers(), FOLLOWUP_TOPIC);
    }

    @AfterAll
    static void close() {
        published.close();
    }

    private record Plan(String pathwayId, String caseId, String planId) {
    }

    private static Plan newPlan(Instant procedureEndedAt) {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        return new Plan(pathwayId, caseId, openPlan(pathwayId, caseId, procedureEndedAt));
    }

    private static io.restassured.response.ValidatableResponse discharge(Plan plan, Instant at, String overrideReason) {
        Map<String, Object> body = overrideReason == null ? Map.of("dischargedAt", at.toString())
                : Map.of("dischargedAt", at.toString(), "observationOverrideReason", overrideReason);
        return given().contentType(ContentType.JSON).body(body).when().post("/monitoring-plans/{id}/discharge", plan.planId()).then();
    }

    // ---- observation after the first intrathecal dose ----

    @Test
    void afterAMorphineStart24HoursOfObservationAreAccepted() {
        Plan plan = newPlan(SURGERY_END);
        programPumpAndAwaitPlan(plan.pathwayId(), "morphine");
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().statusCode(200)
                .body("startedDrug", equalTo("morphine"))
                .body("discharge.observationEndsAt", equalTo(SURGERY_END.plus(4, ChronoUnit.HOURS).toString()))
                .body("discharge.opioidObservationEndsAt", equalTo(SURGERY_END.plus(24, ChronoUnit.HOURS).toString()))
                .body("discharge.requiredObservationEndsAt", equalTo(SURGERY_END.plus(24, ChronoUnit.HOURS).toString()))
                .body("discharge.sameDayDischargePossible", equalTo(false));
        // 1 s short of 24 h: refused; at 24 h, on the next day: accepted
        discharge(plan, SURGERY_END.plus(24, ChronoUnit.HOURS).minusSeconds(1), null).statusCode(422);
        discharge(plan, SURGERY_END.plus(24, ChronoUnit.HOURS), null).statusCode(200);
        JsonNode discharged = assertContract(published.await(ofType("followup.patient-discharged", plan.pathwayId()), WAIT));
        assertEquals("morphine", discharged.path("startedDrug").asText());
        assertTrue(discharged.path("observationOverride").isMissingNode(), discharged.toString());
    }

    @Test
    void afterAMorphineStartA4HourDischargeIsRefusedWithoutAnOverrideAndAcceptedWithOne() {
        Plan plan = newPlan(SURGERY_END);
        programPumpAndAwaitPlan(plan.pathwayId(), "morphine");
        Instant fourHours = SURGERY_END.plus(4, ChronoUnit.HOURS);
        discharge(plan, fourHours, null).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("rule intrathecal-opioid-first-dose-observation"))
                .body("errors[0]", equalTo("rule: intrathecal-opioid-first-dose-observation"));
        discharge(plan, fourHours, " ").statusCode(422);
        discharge(plan, fourHours, "Transferred to the ward's monitored bed; anaesthetist agrees")
                .statusCode(200).body("dischargedAt", equalTo(fourHours.toString()));
        given().when().get("/monitoring-plans/{id}", plan.planId()).then()
                .body("discharge.overrideReason", equalTo("Transferred to the ward's monitored bed; anaesthetist agrees"))
                .body("discharge.overriddenBy", equalTo("dr-house"));
        JsonNode discharged = assertContract(published.await(ofType("followup.patient-discharged", plan.pathwayId()), WAIT));
        JsonNode override = discharged.path("observationOverride");
        assertEquals("intrathecal-opioid-first-dose-observation", override.path("rule").asText());
        assertEquals("Transferred to the ward's monitored bed; anaesthetist agrees", override.path("reason").asText());
        assertEquals("dr-house", override.path("overriddenBy").asText(), "from the token");
        assertEquals("morphine", override.path("drug").asText());
        assertEquals(24, override.path("requiredHours").asInt());
        assertEquals(SURGERY_END.plus(24, ChronoUnit.HOURS), Instant.parse(override.path("requiredUntil").asText()));
    }

    @Test
    @TestSecurity(user = "nurse-ratched", roles = {Roles.NURSE})
    void onlyAClinicianMayOverride() {
        Plan plan = newPlan(SURGERY_END);
        programPumpAndAwaitPlan(plan.pathwayId(), "hydromorphone");
        discharge(plan, SURGERY_END.plus(4, ChronoUnit.HOURS), "I think it is fine").statusCode(403)
                .contentType("application/problem+json");
        discharge(plan, SURGERY_END.plus(4, ChronoUnit.HOURS), null).statusCode(422);
    }

    @Test
    void withoutAnOpioidStartThe4HourSameDayDischargeStands() {
        Plan plan = newPlan(SURGERY_END);
        programPumpAndAwaitPlan(plan.pathwayId(), "ziconotide");
        discharge(plan, SURGERY_END.plus(4, ChronoUnit.HOURS), null).statusCode(200);
        Plan noDrugYet = newPlan(SURGERY_END);
        discharge(noDrugYet, SURGERY_END.plus(4, ChronoUnit.HOURS), null).statusCode(200);
    }

    @Test
    void aDrugReadBeforeTheImplantIsStillLearnt() {
        String pathwayId = UUID.randomUUID().toString();
        FollowupTestSupport.programPump(pathwayId, "fentanyl");
        String planId = openPlan(pathwayId, UUID.randomUUID().toString(), SURGERY_END);
        Await.until(() -> given().when().get("/monitoring-plans/{id}", planId).then().extract().path("startedDrug"),
                "fentanyl"::equals, "the plan to know the drug whichever topic was read first");
    }

    @Test
    void anOvernightOrMultiDayStayAllowsUpTo72HoursOfObservation() {
        Plan plan = newPlan(SURGERY_END.minus(3, ChronoUnit.DAYS));
        Map<String, Object> choices = new java.util.HashMap<>(Map.of("observationHours", 72, "activityRestrictionWeeks", 8,
                "drivingRestrictionWeeks", 4, "oralMedicationWeeks", 3, "woundCheckDay", 7, "sutureRemovalDay", 14,
                "monitoringWindowWeeks", 12));
        given().contentType(ContentType.JSON).body(choices).when().put("/monitoring-plans/{id}/choices", plan.planId())
                .then().statusCode(422).body("detail", containsString("SAME_DAY allows up to 8 hours"));
        choices.put("stay", "MULTI_DAY");
        given().contentType(ContentType.JSON).body(choices).when().put("/monitoring-plans/{id}/choices", plan.planId())
                .then().statusCode(200).body("choices.stay", equalTo("MULTI_DAY")).body("choices.observationHours", equalTo(72));
        discharge(plan, SURGERY_END.minus(3, ChronoUnit.DAYS).plus(71, ChronoUnit.HOURS), null).statusCode(422);
        discharge(plan, SURGERY_END.minus(3, ChronoUnit.DAYS).plus(72, ChronoUnit.HOURS), null).statusCode(200);
        JsonNode discharged = assertContract(published.await(ofType("followup.patient-discharged", plan.pathwayId()), WAIT));
        assertEquals(72, discharged.path("observationHours").asInt());
        assertEquals("MULTI_DAY", discharged.path("stay").asText());
    }

    // ---- explant ----

    @Test
    void aBaclofenPumpsExplantRaisesAnUrgentEscalationInOneHop() {
        Plan plan = newPlan(SURGERY_END.minus(30, ChronoUnit.DAYS));
        programPumpAndAwaitPlan(plan.pathwayId(), "baclofen");
        FollowupTestSupport.explant(plan.pathwayId(), plan.caseId(), "PATIENT_REQUEST", Instant.now());

        JsonNode escalated = assertContract(published.await(ofType("followup.explant-escalated", plan.pathwayId()), WAIT));
        assertEquals("URGENT", escalated.path("urgency").asText());
        assertEquals("withdrawal-critical-drug-explant", escalated.path("ruleId").asText());
        assertEquals("baclofen", escalated.path("drug").asText());
        assertTrue(escalated.path("action").asText().startsWith("Abrupt withdrawal risk: bridge with the oral drug or taper"));
        String escalationId = escalated.path("escalationId").asText();
        given().when().get("/escalations/{id}", escalationId).then().statusCode(200)
                .body("urgency", equalTo("URGENT")).body("open", equalTo(true)).body("cause", equalTo("EXPLANT"))
                .body("complicationId", nullValue()).body("planId", equalTo(plan.planId()));
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("explantEscalations", hasSize(1))
                .body("explantEscalations[0].ruleId", equalTo("withdrawal-critical-drug-explant"));
        // a re-published explant raises no second escalation
        FollowupTestSupport.explant(plan.pathwayId(), plan.caseId(), "PATIENT_REQUEST", Instant.now());
        assertEquals(1, published.drain(Duration.ofSeconds(3)).stream()
                .filter(ofType("followup.explant-escalated", plan.pathwayId())).count());
    }

    @Test
    void aMorphinePumpsExplantRaisesNoWithdrawalEscalation() {
        Plan plan = newPlan(SURGERY_END.minus(30, ChronoUnit.DAYS));
        programPumpAndAwaitPlan(plan.pathwayId(), "morphine");
        FollowupTestSupport.explant(plan.pathwayId(), plan.caseId(), "PATIENT_REQUEST", Instant.now());
        assertContract(published.await(ofType("followup.monitoring-closed", plan.pathwayId()), WAIT));
        assertEquals(0, published.drain(Duration.ofSeconds(2)).stream()
                .filter(ofType("followup.explant-escalated", plan.pathwayId())).count());
    }

    private static void sendExplanted(String pathwayId, String payload) {
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.sendCloudEvent(FollowupTestSupport.IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.explanted",
                    pathwayId, payload);
        }
    }

    @Test
    void aBaclofenPumpReplacedInTheSameSurgeryClosesItsPlanAsReplacedWithoutEscalationAndTheNewPlanStarts() {
        Plan plan = newPlan(SURGERY_END.minus(30, ChronoUnit.DAYS));
        programPumpAndAwaitPlan(plan.pathwayId(), "baclofen");
        String newCase = UUID.randomUUID().toString();
        // as implant-service publishes a completed replacement: the old pump's explant, then the new pump's completion
        sendExplanted(plan.pathwayId(), """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"BATTERY_END_OF_LIFE",
                 "explantedAt":"%s","replacedByCaseId":"%s","withdrawalPlan":null}""".formatted(plan.pathwayId(),
                plan.caseId(), Instant.now(), newCase));
        FollowupTestSupport.openPlan(plan.pathwayId(), newCase, FollowupTestSupport.implantCompletedAt(plan.pathwayId(),
                newCase, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS))
                .replace("\"procedureEndedAt\"", "\"path\":\"REPLACEMENT\",\"replacesCaseId\":\"" + plan.caseId()
                        + "\",\"procedureEndedAt\""));

        JsonNode closed = assertContract(published.await(ofType("followup.monitoring-closed", plan.pathwayId()), WAIT));
        assertEquals("REPLACED: BATTERY_END_OF_LIFE", closed.path("reason").asText());
        assertEquals(newCase, closed.path("replacedByCaseId").asText());
        List<Map<String, Object>> plans = Await.until(() -> FollowupTestSupport.plansOf(plan.pathwayId()),
                list -> list.size() == 2, "the replacement's plan");
        Map<String, Object> old = plans.stream().filter(p -> plan.planId().equals(p.get("planId"))).findFirst().orElseThrow();
        Map<String, Object> next = plans.stream().filter(p -> newCase.equals(p.get("implantCaseId"))).findFirst().orElseThrow();
        assertEquals("CLOSED", old.get("status"));
        assertEquals(newCase, old.get("replacedByCaseId"));
        assertEquals("ACTIVE", next.get("status"));
        assertEquals("baclofen", next.get("startedDrug"), "the drug the pathway runs goes on in the new pump");
        // the new plan's implant.completed was read after the explant (same pathway key, same partition)
        assertContract(published.await(r -> "followup.monitoring-started".equals(TopicProbe.header(r, "ce_type"))
                && r.value().contains(newCase), WAIT));
        assertEquals(0, published.drain(Duration.ofSeconds(2)).stream()
                .filter(ofType("followup.explant-escalated", plan.pathwayId())).count(), "no abrupt withdrawal: no escalation");
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().statusCode(200)
                .body("explantEscalations", hasSize(0)).body("endReason", equalTo("REPLACED: BATTERY_END_OF_LIFE"))
                .body("replacedByCaseId", equalTo(newCase));
    }

    @Test
    void aBaclofenExplantWithARecordedTaperIsStillUrgentAndTheActionNamesThePlan() {
        Plan plan = newPlan(SURGERY_END.minus(30, ChronoUnit.DAYS));
        programPumpAndAwaitPlan(plan.pathwayId(), "baclofen");
        sendExplanted(plan.pathwayId(), """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"PATIENT_REQUEST","explantedAt":"%s",
                 "replacedByCaseId":null,"withdrawalPlan":{"kind":"TAPER","startedOn":"2026-11-20",
                 "detail":"IT baclofen down 20 %% every 2 days; oral baclofen 10 mg tds from the explant"}}"""
                .formatted(plan.pathwayId(), plan.caseId(), Instant.now()));

        JsonNode escalated = assertContract(published.await(ofType("followup.explant-escalated", plan.pathwayId()), WAIT));
        assertEquals("URGENT", escalated.path("urgency").asText());
        assertEquals("Withdrawal plan recorded: TAPER since 2026-11-20 - IT baclofen down 20 % every 2 days; oral baclofen"
                + " 10 mg tds from the explant; confirm it is in place and watch for withdrawal signs (itching, fever,"
                + " returning spasticity, confusion): tell the patient and carers to call at once; escalate to emergency"
                + " care if they appear.", escalated.path("action").asText());
        assertContract(published.await(ofType("followup.monitoring-closed", plan.pathwayId()), WAIT));
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("endReason", equalTo("EXPLANTED: PATIENT_REQUEST"))
                .body("replacedByCaseId", nullValue());
    }

    @Test
    void aBatteryAtEndOfLifeExplantWithoutReplacementIsReadAndClosesThePlan() {
        // BATTERY_END_OF_LIFE is new in issue 13: the consumer reads it as text, and without a replacement the baclofen
        // stops, so the withdrawal escalation is raised as for any explant
        Plan plan = newPlan(SURGERY_END.minus(30, ChronoUnit.DAYS));
        programPumpAndAwaitPlan(plan.pathwayId(), "baclofen");
        FollowupTestSupport.explant(plan.pathwayId(), plan.caseId(), "BATTERY_END_OF_LIFE", Instant.now());
        JsonNode closed = assertContract(published.await(ofType("followup.monitoring-closed", plan.pathwayId()), WAIT));
        assertEquals("EXPLANTED: BATTERY_END_OF_LIFE", closed.path("reason").asText());
        assertTrue(closed.path("replacedByCaseId").isNull());
        JsonNode escalated = assertContract(published.await(ofType("followup.explant-escalated", plan.pathwayId()), WAIT));
        assertEquals("BATTERY_END_OF_LIFE", escalated.path("explantReason").asText());
        assertTrue(escalated.path("action").asText().startsWith("Abrupt withdrawal risk: bridge with the oral drug or taper"));
    }

    @Test
    void aComplicationThreeDaysAfterAnExplantForInfectionIsAcceptedAndEscalated() {
        // procedure ended 10 days ago; explanted for infection 3 days ago; the wound discharges today
        Instant procedureEnd = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant explantedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Plan plan = newPlan(procedureEnd);
        FollowupTestSupport.explant(plan.pathwayId(), plan.caseId(), "INFECTION", explantedAt);

        JsonNode continued = assertContract(published.await(ofType("followup.wound-followup-continued", plan.pathwayId()), WAIT));
        assertEquals(explantedAt, Instant.parse(continued.path("explantedAt").asText()));
        assertEquals(procedureEnd.plus(84, ChronoUnit.DAYS), Instant.parse(continued.path("followupEndsAt").asText()), "12 weeks");
        Await.until(() -> given().when().get("/monitoring-plans/{id}", plan.planId()).then().extract().path("status"),
                "WOUND_FOLLOWUP"::equals, "the plan to keep wound follow-up");
        // the wound visits and the window stay; what followed the pump is cancelled
        Await.until(() -> FollowupTestSupport.timerState(plan.planId(), "RESTRICTION_LIFTED:NO_DRIVING"), "CANCELLED"::equals,
                "restrictions cancelled");
        assertEquals("PENDING", FollowupTestSupport.timerState(plan.planId(), "VISIT_DUE:SUTURE_REMOVAL"), "day 14");
        assertEquals("PENDING", FollowupTestSupport.timerState(plan.planId(), "MONITORING_WINDOW_ENDED:MONITORING_WINDOW"));
        assertEquals("CANCELLED", FollowupTestSupport.timerState(plan.planId(), "VISIT_DUE:RESTRICTION_REVIEW"));
        assertEquals("CANCELLED", FollowupTestSupport.timerState(plan.planId(), "ORAL_MEDICATION_COURSE_ENDED:ORAL_PAIN_MEDICATION"));

        given().contentType(ContentType.JSON).body(Map.of("kind", "INFECTION", "severity", "MODERATE",
                        "onsetAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "features", List.of("FEVER", "WOUND_DRAINAGE")))
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(201)
                .body("escalations.ruleId", equalTo(List.of("infection-fever-or-drainage")))
                .body("escalations[0].urgency", equalTo("URGENT"));
        assertContract(published.await(ofType("followup.complication-escalated", plan.pathwayId()), WAIT));
        // the pump is out: no pump outcome, no discharge, no new choices
        given().contentType(ContentType.JSON).body(Map.of("painNrs", 3, "rigidityScore", 2, "spasmScore", 1, "oralMmePerDay", 0))
                .when().post("/monitoring-plans/{id}/outcomes", plan.planId()).then().statusCode(409);
        assertEquals(0, published.drain(Duration.ofSeconds(1)).stream()
                .filter(ofType("followup.monitoring-closed", plan.pathwayId())).count(), "not closed before its window ends");
    }

    @Test
    void aPumpReplacedForInfectionKeepsTheOldWoundsFollowupAndAcceptsItsComplications() {
        // review finding: a same-surgery replacement for infection closed the plan, so a wound complication 3 days
        // later was 409 "plan is CLOSED"; procedure 10 days ago, replaced for infection 3 days ago
        Instant procedureEnd = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant replacedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Plan plan = newPlan(procedureEnd);
        String newCase = UUID.randomUUID().toString();
        sendExplanted(plan.pathwayId(), """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"INFECTION",
                 "explantedAt":"%s","replacedByCaseId":"%s","withdrawalPlan":null}""".formatted(plan.pathwayId(),
                plan.caseId(), replacedAt, newCase));

        JsonNode continued = assertContract(published.await(ofType("followup.wound-followup-continued", plan.pathwayId()), WAIT));
        assertEquals(procedureEnd.plus(84, ChronoUnit.DAYS), Instant.parse(continued.path("followupEndsAt").asText()), "12 weeks");
        Await.until(() -> given().when().get("/monitoring-plans/{id}", plan.planId()).then().extract().path("status"),
                "WOUND_FOLLOWUP"::equals, "the plan to keep wound follow-up");
        given().when().get("/monitoring-plans/{id}", plan.planId()).then().statusCode(200)
                .body("endReason", equalTo("REPLACED: INFECTION")).body("replacedByCaseId", equalTo(newCase));
        given().contentType(ContentType.JSON).body(Map.of("kind", "INFECTION", "severity", "MODERATE",
                        "onsetAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "features", List.of("FEVER", "WOUND_DRAINAGE")))
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(201)
                .body("escalations[0].urgency", equalTo("URGENT"));
    }

    // ---- emergencies ----

    @Test
    void overSedationIsAnEmergency() {
        Plan plan = newPlan(SURGERY_END);
        given().contentType(ContentType.JSON).body(Map.of("kind", "OVER_SEDATION", "severity", "MILD",
                        "onsetAt", Instant.now().minus(10, ChronoUnit.MINUTES).toString(), "features", List.of("SLOW_OR_SHALLOW_BREATHING")))
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(201)
                .body("escalations.ruleId", equalTo(List.of("opioid-overdose")))
                .body("escalations[0].urgency", equalTo("EMERGENCY"))
                .body("escalations[0].reAlertEveryMinutes", equalTo(2));
        JsonNode reported = assertContract(published.await(ofType("followup.complication-reported", plan.pathwayId()), WAIT));
        assertEquals("OVER_SEDATION", reported.path("kind").asText());
    }

    @Test
    void feverOnABaclofenPumpIsWithdrawalAnEmergency() {
        Plan plan = newPlan(SURGERY_END);
        programPumpAndAwaitPlan(plan.pathwayId(), "baclofen");
        given().contentType(ContentType.JSON).body(Map.of("kind", "INCREASED_PAIN_OR_WEAKNESS", "severity", "MODERATE",
                        "onsetAt", Instant.now().minus(10, ChronoUnit.MINUTES).toString(), "features", List.of("REBOUND_SPASTICITY", "FEVER")))
                .when().post("/monitoring-plans/{id}/complications", plan.planId())
                .then().statusCode(201)
                .body("escalations.ruleId", equalTo(List.of("baclofen-withdrawal-signs", "granuloma-increased-pain",
                        "infection-fever-or-drainage")))
                .body("escalations[0].urgency", equalTo("EMERGENCY"));
    }

    // ---- MRI advice by pump model ----

    @Test
    void mriAdviceDiffersForPrometraAndSynchroMed() {
        String prometraPathway = UUID.randomUUID().toString();
        String prometraCase = UUID.randomUUID().toString();
        String prometra = openPlan(prometraPathway, prometraCase, FollowupTestSupport.implantCompleted(prometraPathway, prometraCase,
                SURGERY_END, "Flowonix", "Prometra II"));
        Plan synchromed = newPlan(SURGERY_END);
        given().when().get("/monitoring-plans/{id}", prometra).then().statusCode(200)
                .body("device.model", equalTo("Prometra II"))
                .body("device.mriAdvice.mechanism", equalTo("VALVE_GATED"))
                .body("device.mriAdvice.beforeScan", startsWith("Empty the pump reservoir completely before the scan"))
                .body("device.mriAdvice.source", containsString("Prometra"));
        given().when().get("/monitoring-plans/{id}", synchromed.planId()).then().statusCode(200)
                .body("device.mriAdvice.mechanism", equalTo("PERISTALTIC"))
                .body("device.mriAdvice.beforeScan", not(containsString("Empty")))
                .body("device.mriAdvice.afterScan", containsString("confirm the motor restarted"))
                .body("device.mriAdvice.source", containsString("SynchroMed"));

        Map<String, Object> deficit = Map.of("kind", "INCREASED_PAIN_OR_WEAKNESS", "severity", "MILD",
                "onsetAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "features", List.of("NEW_WEAKNESS"));
        given().contentType(ContentType.JSON).body(deficit).when().post("/monitoring-plans/{id}/complications", prometra)
                .then().statusCode(201).body("escalations[0].ruleId", equalTo("granuloma-neurological-deficit"))
                .body("escalations[0].action", containsString("MRI with this pump (Prometra II): before the scan: Empty the pump reservoir"));
        given().contentType(ContentType.JSON).body(deficit).when().post("/monitoring-plans/{id}/complications", synchromed.planId())
                .then().statusCode(201)
                .body("escalations[0].action", containsString("MRI with this pump (SynchroMed II)"))
                .body("escalations[0].action", containsString("confirm the motor restarted"))
                .body("escalations[0].action", not(containsString("Empty the pump reservoir")));
    }
}
