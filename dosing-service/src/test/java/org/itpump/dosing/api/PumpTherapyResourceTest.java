package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TestClock;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class PumpTherapyResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe dosingEvents;

    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
        dosingEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.dosing.events");
    }

    @AfterAll
    static void close() {
        sender.close();
        dosingEvents.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Opens a therapy the way production does (implant.completed); returns {pathwayId, caseId, therapyId}. */
    static Map<String, String> openTherapy() {
        return openTherapy(40);
    }

    /** As above, with a pump of that reservoir volume (mL). */
    static Map<String, String> openTherapy(int reservoirVolumeMl) {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.completed", pathwayId,
                ContractSamples.implantCompleted(pathwayId, caseId)
                        .replace("\"reservoirVolumeMl\":40", "\"reservoirVolumeMl\":" + reservoirVolumeMl));
        List<Map<String, Object>> therapies = Await.until(() -> given().queryParam("pathwayId", pathwayId)
                        .get("/pump-therapies").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), "the therapy of pathway " + pathwayId);
        return Map.of("pathwayId", pathwayId, "caseId", caseId, "therapyId", (String) therapies.get(0).get("therapyId"));
    }

    static Map<String, Object> morphine(double concentrationPerMl, double dailyDose, String overrideReason) {
        Map<String, Object> body = new HashMap<>(Map.of("drug", "morphine", "concentrationPerMl", concentrationPerMl,
                "concentrationUnit", "mg/mL", "dailyDose", dailyDose, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS"));
        if (overrideReason != null) {
            body.put("overrideReason", overrideReason);
        }
        return body;
    }

    @Test
    void hardLimitsRefuseSoftLimitsNeedAReasonThatIsRecordedAndPublished() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 16, "tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("15"));
        given().contentType(ContentType.JSON).body(morphine(25, 1, "x"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(422);
        given().contentType(ContentType.JSON).body(morphine(10, 2, null))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("override reason is required"));
        int inForce = given().get("/drug-library/versions").then().extract().path("[0].version");
        given().contentType(ContentType.JSON).body(morphine(10, 2, "opioid-tolerant, trial at 2 mg"))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201).body("libraryVersion", equalTo(inForce))
                .body("overrideReason", equalTo("opioid-tolerant, trial at 2 mg"));

        JsonNode programmed = assertContract(dosingEvents.await(ofType("dosing.pump-programmed", t.get("pathwayId")), WAIT));
        assertEquals(2, programmed.path("program").path("dailyDose").asInt());
        // issue 15: the drug coded, RxNorm ingredient 7052 (morphine), and its UCUM units (mg: morphine is dosed in mg)
        assertEquals("http://www.nlm.nih.gov/research/umls/rxnorm", programmed.path("program").path("drugCode").path("system").asText());
        assertEquals("7052", programmed.path("program").path("drugCode").path("code").asText());
        assertEquals("mg/d", programmed.path("program").path("dailyDoseUnit").asText());
        JsonNode override = assertContract(dosingEvents.await(ofType("dosing.limit-override", t.get("pathwayId")), WAIT));
        assertEquals("0.5", override.path("softLimit").decimalValue().stripTrailingZeros().toPlainString());

        given().contentType(ContentType.JSON).body(morphine(10, 3, "pain not controlled"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        JsonNode changed = assertContract(dosingEvents.await(ofType("dosing.dose-changed", t.get("pathwayId")), WAIT));
        assertEquals(2, changed.path("previous").path("dailyDose").asInt());
        assertEquals("7052", changed.path("program").path("drugCode").path("code").asText());
        given().get("/pump-therapies/{id}/programs", therapyId).then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void everyDoseCarriesItsUnitConvertedExactlyAndAUnitTheDrugCannotTakeIs422() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        Map<String, Object> baclofen = new HashMap<>(Map.of("drug", "baclofen", "concentrationPerMl", 0.5,
                "concentrationUnit", "mg/mL", "dailyDose", 0.1, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS",
                "indication", "SPASTICITY_OF_SPINAL_ORIGIN"));
        Map<String, Object> noUnit = new HashMap<>(baclofen);
        noUnit.remove("dailyDoseUnit");
        given().contentType(ContentType.JSON).body(noUnit).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(400).body("errors", hasItem(containsString("dailyDoseUnit")));
        for (String unit : List.of("mL/d", "mg/h", "IU/d", "mg")) {
            Map<String, Object> wrong = new HashMap<>(baclofen);
            wrong.put("dailyDoseUnit", unit);
            given().contentType(ContentType.JSON).body(wrong).post("/pump-therapies/{id}/programs", therapyId)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("detail", equalTo("The baclofen daily dose unit '" + unit + "' cannot be converted to ug/d: use mg/d or ug/d"));
        }
        // 0.1 mg/d = 100 mcg/day, 0.5 mg/mL = 500 mcg/mL: baclofen is dosed in mcg
        JsonNode program = given().contentType(ContentType.JSON).body(baclofen).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201).body("doseUnit", equalTo("mcg")).extract().as(JsonNode.class);
        assertEquals(0, new java.math.BigDecimal("100").compareTo(program.path("dailyDose").decimalValue()));
        assertEquals(0, new java.math.BigDecimal("500").compareTo(program.path("concentrationPerMl").decimalValue()));
        JsonNode programmed = assertContract(dosingEvents.await(ofType("dosing.pump-programmed", t.get("pathwayId")), WAIT));
        assertEquals("ug/d", programmed.path("program").path("dailyDoseUnit").asText());
        assertEquals("ug/mL", programmed.path("program").path("concentrationUnit").asText());
        assertEquals("1292", programmed.path("program").path("drugCode").path("code").asText(), "RxNorm baclofen");

        // the slip of the issue: 0.5 meant as mg, sent as ug/d, is 0.5 mcg/day, below the 50 mcg/day starting minimum
        Map<String, Object> slip = new HashMap<>(baclofen);
        slip.putAll(Map.of("dailyDose", 0.5, "dailyDoseUnit", "ug/d"));
        given().contentType(ContentType.JSON).body(slip).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("below the usual starting minimum of 50 mcg/day"));
        // a cut of baclofen by more than 20 % needs a reason: 100 -> 79 mcg/day (21 %)
        Map<String, Object> cut = new HashMap<>(baclofen);
        cut.putAll(Map.of("dailyDose", 79, "dailyDoseUnit", "ug/d"));
        given().contentType(ContentType.JSON).body(cut).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("more than 20 % below 100 mcg/day"));
        cut.put("overrideReason", "excess hypotonia");
        given().contentType(ContentType.JSON).body(cut).post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        JsonNode override = assertContract(dosingEvents.await(ofType("dosing.limit-override", t.get("pathwayId")), WAIT));
        assertEquals("WITHDRAWAL_DECREASE", override.path("rule").asText());
        assertEquals(0, new java.math.BigDecimal("80").compareTo(override.path("softLimit").decimalValue()), "100 x 0.8");

        // a refill's concentration is converted too: 0.5 mg/mL is the programmed 500 mcg/mL
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 0.5,
                "concentrationUnit", "ug/mL", "lot", "B-0")).post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", containsString("reprogram the pump first"));
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 0.5,
                "concentrationUnit", "mg/d", "lot", "B-0")).post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", containsString("cannot be converted to ug/mL"));
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 0.5,
                "concentrationUnit", "mg/mL", "lot", "B-1")).post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201);
        JsonNode refill = assertContract(dosingEvents.await(ofType("dosing.refill-recorded", t.get("pathwayId")), WAIT));
        assertEquals("ug/mL", refill.path("concentrationUnit").asText());
        assertEquals(0, new java.math.BigDecimal("500").compareTo(refill.path("concentrationPerMl").decimalValue()));
    }

    @Test
    void ziconotideIncreasesAre24HoursApartAndAFirstFillIsAt25McgPerMlDueIn14Days() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        java.util.function.Function<Double, Map<String, Object>> ziconotide = dose -> Map.of("drug", "ziconotide",
                "concentrationPerMl", 25, "concentrationUnit", "ug/mL", "dailyDose", dose, "dailyDoseUnit", "ug/d",
                "mode", "SIMPLE_CONTINUOUS", "overrideReason", "titration per protocol");
        given().contentType(ContentType.JSON).body(ziconotide.apply(1.2)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201);
        // three increases within an hour: the first passes, the second is 422, and so is the third
        given().contentType(ContentType.JSON).body(ziconotide.apply(2.4)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201);
        clock.advance(Duration.ofMinutes(20));
        given().contentType(ContentType.JSON).body(ziconotide.apply(3.6)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("at most once every 24 h"));
        clock.advance(Duration.ofMinutes(20));
        given().contentType(ContentType.JSON).body(ziconotide.apply(3.6)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422);
        // a first fill (firstFill left out: the therapy's first refill) only at 25 mcg/mL, due within 14 days
        LocalDate today = LocalDate.now(clock);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 25,
                        "concentrationUnit", "ug/mL", "lot", "Z-1"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201).body("firstFill", equalTo(true))
                .body("refillDueOn", equalTo(today.plusDays(14).toString()));
    }

    @Test
    void aZiconotideFirstFillAtAnotherConcentrationIsRefused() {
        String therapyId = openTherapy().get("therapyId");
        given().contentType(ContentType.JSON).body(Map.of("drug", "ziconotide", "concentrationPerMl", 50,
                        "concentrationUnit", "ug/mL", "dailyDose", 1.2, "dailyDoseUnit", "ug/d", "mode", "SIMPLE_CONTINUOUS"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 50,
                        "concentrationUnit", "ug/mL", "lot", "Z-1"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", equalTo("The ziconotide first fill must be at 25 mcg/mL, was 50 mcg/mL"));
        // stated as a refill of a pump that had ziconotide before, 50 mcg/mL is allowed
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 50,
                        "concentrationUnit", "ug/mL", "lot", "Z-1", "firstFill", false))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
    }

    @Test
    void aRefillSetsItsDueDateAndDurableTimersThatFireWhenTheClockPasses() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 2, "tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // The worked example: 20 mL of morphine 10 mg/mL at 2 mg/day (0.2 mL/day) from the start of today reaches
        // the 2 mL alarm after 90 days; morphine's 1-day safety margin makes the refill due on day 89.
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201).body("refillDueOn", equalTo(today.plusDays(89).toString()))
                .body("firstFill", equalTo(true));
        assertContract(dosingEvents.await(ofType("dosing.refill-recorded", t.get("pathwayId")), WAIT));
        assertEquals(List.of("refill-due", "refill-overdue"), pendingTimers(therapyId),
                "the timers are rows in PostgreSQL, so they survive a restart");

        clock.advance(Duration.ofDays(83)); // a week ahead of the due date (day 82)
        JsonNode due = assertContract(dosingEvents.await(ofType("dosing.refill-due", t.get("pathwayId")), WAIT));
        assertEquals(today.plusDays(89).toString(), due.path("refillDueDate").asText());
        assertEquals("ROUTINE", due.path("urgency").asText());
        clock.advance(Duration.ofDays(8)); // the due date has passed
        JsonNode overdue = assertContract(dosingEvents.await(ofType("dosing.refill-overdue", t.get("pathwayId")), WAIT));
        assertEquals("HIGH", overdue.path("urgency").asText(), "morphine is not withdrawal-critical");
        assertEquals(List.of("refill-overdue"), pendingTimers(therapyId), "an overdue alert repeats until refill or acknowledgement");
    }

    @Test
    void thePocketFillThresholdScalesWithTheReservoir() {
        // 20 mL on day -30 at 0.2 mL/day: 14.00 mL expected today. 12.00 measured is 2.00 mL short.
        // 20 mL pump: threshold 20 x 0.05 = 1 mL -> flagged. 40 mL pump: 2 mL -> exactly at it, not flagged.
        assertEquals(true, residualCheck(20, 12.00).path("possiblePocketFill").asBoolean());
        JsonNode large = residualCheck(40, 12.00);
        assertEquals(false, large.path("possiblePocketFill").asBoolean());
        assertEquals(0, new java.math.BigDecimal("2.00").compareTo(large.path("pocketFillThresholdMl").decimalValue()));
        assertEquals(true, residualCheck(40, 11.99).path("possiblePocketFill").asBoolean());
    }

    private JsonNode residualCheck(int reservoirMl, double measuredMl) {
        Map<String, String> t = openTherapy(reservoirMl);
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 2, "tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        given().contentType(ContentType.JSON).body(Map.of("filledOn", start.toString(), "volumeAddedMl", 20,
                "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-1")).post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
        JsonNode refill = given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "concentrationUnit", "mg/mL",
                        "lot", "L-2", "measuredResidualMl", measuredMl))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201).body("expectedResidualMl", equalTo(14.0f)).body("firstFill", equalTo(false))
                .extract().as(JsonNode.class);
        JsonNode recorded = assertContract(dosingEvents.await(record -> ofType("dosing.refill-recorded", t.get("pathwayId"))
                .test(record) && record.value().contains("L-2"), WAIT));
        assertEquals(refill.path("possiblePocketFill").asBoolean(), recorded.path("possiblePocketFill").asBoolean());
        return refill;
    }

    @Test
    void refillsDatedInTheFutureOrBeforeThePreviousFillAreRefusedAndOtherRefillRulesHold() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 2, "tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate future : List.of(today.plusDays(1), today.plusDays(30), today.plusYears(1))) {
            given().contentType(ContentType.JSON).body(Map.of("filledOn", future.toString(), "volumeAddedMl", 20,
                            "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-F"))
                    .post("/pump-therapies/{id}/refills", therapyId)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("cannot be dated in the future: filledOn " + future));
        }
        given().contentType(ContentType.JSON).body(Map.of("filledOn", today.minusDays(10).toString(), "volumeAddedMl", 20,
                "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-1")).post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("filledOn", today.minusDays(11).toString(), "volumeAddedMl", 20,
                        "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-0"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", containsString("cannot precede the previous fill"));
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 5, "concentrationUnit", "mg/mL", "lot", "L-3"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", containsString("reprogram the pump first"));
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 60, "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-3"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(422).body("detail", containsString("exceeds the reservoir"));
    }

    /**
     * The clock moves across a dose change: morphine 10 mg/mL, 8 mg/day (0.8 mL/day), 20 mL filled on day 0
     * (counted from 00:00; the test runs from 12:00). Plan at the fill: 0.5 day used, 19.6 mL left, alarm after
     * 17.6 / 0.8 = 22 days (day 22 12:00), 1-day margin: due day 21. On day 10 at 12:00 the dose drops to
     * 4 mg/day (0.4 mL/day): 10.5 x 0.8 = 8.4 mL used, 11.6 left; alarm after 9.6 / 0.4 = 24 days (day 34 12:00),
     * due day 33, empty after 11.6 / 0.4 = 29 days (day 39 12:00). The reminder moves from day 14 to day 26.
     */
    @Test
    void aDoseChangeRePlansFromTheVolumeLeftPublishesItKeepsTheOldDateAndMovesTheReminders() {
        clock.advance(untilNext(LocalTime.NOON));
        LocalDate day0 = LocalDate.now(clock);
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        String pathwayId = t.get("pathwayId");
        given().contentType(ContentType.JSON).body(morphine(10, 8, "tolerant, high dose"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201).body("refillDueOn", equalTo(day0.plusDays(21).toString()));

        clock.advance(Duration.ofDays(10));
        given().contentType(ContentType.JSON).body(morphine(10, 4, "tolerant, high dose"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        JsonNode replanned = assertContract(dosingEvents.await(ofType("dosing.refill-replanned", pathwayId), WAIT));
        assertEquals(day0.plusDays(21).toString(), replanned.path("previousRefillDueDate").asText());
        assertEquals(day0.plusDays(33).toString(), replanned.path("refillDueDate").asText());
        assertEquals("PROGRAM_CHANGED", replanned.path("reason").asText());
        // 11.6 mL less the few seconds the test has run since 12:00 (0.8 mL/day = 0.00001 mL/s)
        assertTrue(replanned.path("volumeLeftMl").decimalValue().compareTo(new java.math.BigDecimal("11.59")) > 0
                && replanned.path("volumeLeftMl").decimalValue().compareTo(new java.math.BigDecimal("11.6")) <= 0,
                replanned.toString());
        assertEquals(day0.plusDays(39).toString(), replanned.path("emptyAt").asText().substring(0, 10));
        assertEquals(day0.plusDays(34).atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
                java.time.Instant.parse(replanned.path("firstOverdueAlertAt").asText()).toString());
        // history: the old date stays, on the refill and in the plans
        given().get("/pump-therapies/{id}/refills", therapyId).then().statusCode(200)
                .body("[0].refillDueOn", equalTo(day0.plusDays(21).toString()));
        given().get("/pump-therapies/{id}/refill-plans", therapyId).then().statusCode(200)
                .body("reason", equalTo(List.of("REFILLED", "PROGRAM_CHANGED")))
                .body("refillDueOn", equalTo(List.of(day0.plusDays(21).toString(), day0.plusDays(33).toString())))
                .body("[1].previousRefillDueOn", equalTo(day0.plusDays(21).toString()));

        clock.advance(Duration.ofDays(15)); // day 25: past the old reminder (day 14), before the new one (day 26)
        assertEquals(0, dosingEvents.drain(Duration.ofSeconds(3)).stream().filter(ofType("dosing.refill-due", pathwayId)).count(),
                "the old reminder must not fire");
        clock.advance(Duration.ofDays(1)); // day 26
        JsonNode due = assertContract(dosingEvents.await(ofType("dosing.refill-due", pathwayId), WAIT));
        assertEquals(day0.plusDays(33).toString(), due.path("refillDueDate").asText());
        assertEquals(1, dosingEvents.drain(Duration.ofSeconds(3)).stream().filter(ofType("dosing.refill-due", pathwayId)).count(),
                "the re-planned reminder fires once");

        clock.advance(Duration.ofDays(8)); // day 34 12:00: overdue since 00:00
        assertContract(dosingEvents.await(ofType("dosing.refill-overdue", pathwayId), WAIT));
        assertEquals(List.of("refill-overdue"), pendingTimers(therapyId));
        clock.advance(Duration.ofHours(12)); // the repeat, due at day 35 00:00
        Await.until(() -> dosingEvents.drain(Duration.ofMillis(500)).stream().filter(ofType("dosing.refill-overdue", pathwayId)).count(),
                count -> count == 2, "the second overdue alert");
        given().contentType(ContentType.JSON).body(Map.of("reason", "patient booked for refill at 14:00"))
                .post("/pump-therapies/{id}/refill-overdue-acknowledgements", therapyId).then().statusCode(200)
                .body("refillDueOn", equalTo(day0.plusDays(33).toString()));
        JsonNode acknowledged = assertContract(dosingEvents.await(ofType("dosing.refill-overdue-acknowledged", pathwayId), WAIT));
        assertEquals("patient booked for refill at 14:00", acknowledged.path("reason").asText());
        assertEquals(List.of(), pendingTimers(therapyId), "no more overdue alerts after the acknowledgement");
    }

    @Test
    void aBaclofenRefillIsUrgentBeforeThePumpCanRunDryAndNothingOverdueCannotBeAcknowledged() {
        // Baclofen 500 mcg/mL at 800 mcg/day = 1.6 mL/day, 20 mL filled 10 days ago: 4 mL left now (less today's
        // hours); alarm in (4 - 2) / 1.6 = 1.25 days, 2-day margin: due before today, so overdue and URGENT at once.
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(Map.of("reason", "nothing to acknowledge"))
                .post("/pump-therapies/{id}/refill-overdue-acknowledgements", therapyId).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("drug", "baclofen", "concentrationPerMl", 500,
                        "concentrationUnit", "ug/mL", "dailyDose", 800, "dailyDoseUnit", "ug/d", "mode", "SIMPLE_CONTINUOUS",
                        "overrideReason", "maintenance dose", "indication", "SPASTICITY_OF_CEREBRAL_ORIGIN"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("filledOn", LocalDate.now(ZoneOffset.UTC).minusDays(10).toString(),
                "volumeAddedMl", 20, "concentrationPerMl", 500, "concentrationUnit", "ug/mL", "lot", "B-1")).post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201);
        JsonNode overdue = assertContract(dosingEvents.await(ofType("dosing.refill-overdue", t.get("pathwayId")), WAIT));
        assertEquals("URGENT", overdue.path("urgency").asText());
        assertTrue(overdue.path("withdrawalCritical").asBoolean());
        assertTrue(java.time.Instant.parse(overdue.path("emptyAt").asText()).isAfter(clock.instant()),
                "the URGENT alert comes before the pump runs dry");
    }

    @Test
    void aRefillBeforeAnyProgramIsAConflict() {
        String therapyId = openTherapy().get("therapyId");
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", -1, "lot", ""))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(400)
                .body("errors", hasItem(containsString("concentrationPerMl")));
    }

    @Test
    void explantEndsTheTherapyAndCancelsItsTimers() {
        Map<String, String> t = openTherapy();
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(morphine(10, 0.4, null))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
        String explanted = """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","reason":"INFECTION","explantedAt":"2026-12-01T10:00:00Z"}"""
                .formatted(t.get("pathwayId"), t.get("caseId"));
        sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.explanted", t.get("pathwayId"), explanted);
        assertContract(dosingEvents.await(ofType("dosing.therapy-ended", t.get("pathwayId")), WAIT));
        given().get("/pump-therapies/{id}", therapyId).then().body("status", equalTo("ENDED"));
        assertEquals(List.of(), pendingTimers(therapyId));
        given().contentType(ContentType.JSON).body(morphine(10, 0.3, null))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(409);
    }

    @Test
    void theTrialDoseIsCheckedAgainstTheLibraryWhenATrialStarts() {
        String withinLimits = UUID.randomUUID().toString();
        String unknownDrug = UUID.randomUUID().toString();
        sender.sendCloudEvent("itpump.trial.events", UUID.randomUUID().toString(), "trial.started", withinLimits,
                trialStarted(withinLimits, "morphine", "0.3", "mg"));
        sender.sendCloudEvent("itpump.trial.events", UUID.randomUUID().toString(), "trial.started", unknownDrug,
                trialStarted(unknownDrug, "ketamine", "1", "mg"));
        JsonNode ok = assertContract(dosingEvents.await(ofType("dosing.trial-dose-checked", withinLimits), WAIT));
        assertTrue(ok.path("withinLimits").asBoolean());
        JsonNode refused = assertContract(dosingEvents.await(ofType("dosing.trial-dose-checked", unknownDrug), WAIT));
        assertFalse(refused.path("withinLimits").asBoolean());
        assertTrue(refused.path("findings").get(0).asText().contains("not in drug library"));
    }

    @Test
    void pharmacyPublishesANewLibraryVersionAndInvalidOnesAreRefused() {
        JsonNode current = given().get("/drug-library").then().statusCode(200)
                .body("drugs.code", hasItem("ziconotide")).extract().as(JsonNode.class);
        com.fasterxml.jackson.databind.node.ObjectNode broken = current.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.withArray("drugs").get(0)).put("maxConcentrationPerMl", -1);
        given().contentType(ContentType.JSON).body(broken.toString()).put("/drug-library")
                .then().statusCode(422).contentType("application/problem+json");
        int before = given().get("/drug-library/versions").then().extract().path("[0].version");
        given().contentType(ContentType.JSON).body(current.toString()).put("/drug-library")
                .then().statusCode(200).body("version", equalTo(before + 1));
        given().get("/drug-library/versions/{v}", 1).then().statusCode(200).body("version", equalTo(1));
        given().get("/drug-library/versions/{v}", 999).then().statusCode(404);
    }

    private static String trialStarted(String pathwayId, String drug, String dose, String unit) {
        return """
                {"pathwayId":"%s","patientRef":"PT-5","trialId":"%s","candidateId":"%s","indication":"CANCER_PAIN",
                 "trialType":"SINGLE_BOLUS","drug":"%s","dose":%s,"doseUnit":"%s","baselineNrs":7,
                 "startedAt":"2026-11-26T09:00:00Z","windowEndsAt":"2026-11-27T09:00:00Z"}"""
                .formatted(pathwayId, UUID.randomUUID(), UUID.randomUUID(), drug, dose, unit);
    }

    /** How far the clock must move to reach the next such time of day (UTC). */
    private Duration untilNext(LocalTime time) {
        java.time.ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        java.time.ZonedDateTime next = now.with(time);
        return Duration.between(now, next.isAfter(now) ? next : next.plusDays(1));
    }

    private List<String> pendingTimers(String therapyId) {
        List<String> kinds = new java.util.ArrayList<>();
        pool.preparedQuery("select kind from due_timer where subject_id = $1 and fired_at is null and cancelled_at is null order by due_at")
                .execute(Tuple.of(UUID.fromString(therapyId))).await().atMost(Duration.ofSeconds(5))
                .forEach(row -> kinds.add(row.getString("kind")));
        return kinds;
    }
}
