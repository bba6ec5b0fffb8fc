package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TestClock;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12 section 5, baclofen: no titration step in the first 24 h, then at most one step per 24 h, of at most
 * 30 % for spasticity of spinal origin and 15 % for cerebral origin (LIORESAL-PI / GABLOFEN-PI, Dosage and
 * Administration: 10-30 % and 5-15 % increments); the program's indication says which, and a baclofen program
 * without it is 422. Increases are judged on the total possible daily dose (continuous + max boluses x bolus
 * dose), so a switch to bolus mode is an increase like any other.
 */
@QuarkusTest
@TestSecurity(user = "test-clinician", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class BaclofenTitrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe dosingEvents;

    @Inject
    TestClock clock;

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

    @Test
    void theIndicationSetsTheCeilingAndABaclofenProgramWithoutOneIsRefused() {
        Map<String, String> t = DosingTestSupport.openTherapy(sender);
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(baclofen(100, null)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("A baclofen program needs its indication"))
                .body("detail", containsString("SPASTICITY_OF_SPINAL_ORIGIN (at most +30 % per 24 h) or "
                        + "SPASTICITY_OF_CEREBRAL_ORIGIN (at most +15 % per 24 h)"))
                .body("errors", hasItem("indication: missing"));
        given().contentType(ContentType.JSON).body(baclofen(100, "SPASTICITY_OF_CEREBRAL_ORIGIN"))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201).body("indication", equalTo("SPASTICITY_OF_CEREBRAL_ORIGIN"));
        JsonNode programmed = assertContract(dosingEvents.await(ofType("dosing.pump-programmed", t.get("pathwayId")), WAIT));
        assertEquals("SPASTICITY_OF_CEREBRAL_ORIGIN", programmed.path("program").path("indication").asText());

        // no step in the first 24 h (LIORESAL-PI), however small
        clock.advance(Duration.ofHours(23));
        given().contentType(ContentType.JSON).body(baclofen(105, null)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("only 24 h after the start"));
        clock.advance(Duration.ofHours(1));
        // cerebral origin: 100 x 1.15 = 115 at most; 116 (+16 %) is refused, 115 passes (the indication is kept)
        given().contentType(ContentType.JSON).body(baclofen(116, null)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("116 mcg/day is more than 15 % above 100 mcg/day"));
        given().contentType(ContentType.JSON).body(baclofen(115, null)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201).body("indication", equalTo("SPASTICITY_OF_CEREBRAL_ORIGIN"));
        // one step per 24 h: 12 h later even +5 % (115 -> 120.75) is refused
        clock.advance(Duration.ofHours(12));
        given().contentType(ContentType.JSON).body(baclofen(new BigDecimal("120.75"), null))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("at most once every 24 h"));
        // the therapy's indication is not switched to spinal origin to take a larger step
        clock.advance(Duration.ofHours(12));
        given().contentType(ContentType.JSON).body(baclofen(140, "SPASTICITY_OF_SPINAL_ORIGIN"))
                .post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("The indication of this baclofen therapy is "
                        + "SPASTICITY_OF_CEREBRAL_ORIGIN"));
    }

    @Test
    void aSwitchToBolusModeThatRaisesThePossibleDoseBy120PercentIsRefused() {
        String therapyId = DosingTestSupport.openTherapy(sender).get("therapyId");
        given().contentType(ContentType.JSON).body(baclofen(100, "SPASTICITY_OF_SPINAL_ORIGIN"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        clock.advance(Duration.ofHours(25));
        // bolus mode, continuous rate unchanged: 100 + 4 boluses x 30 mcg = 220 mcg/day possible, +120 % of 100
        // (spinal origin allows +30 %: 130 at most). The reason covers the soft limit (220 > the 200 starting maximum).
        given().contentType(ContentType.JSON).body(bolus(100, 30, 4)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422)
                .body("detail", containsString("220 mcg/day is more than 30 % above 100 mcg/day"));
        given().get("/pump-therapies/{id}/programs", therapyId).then().statusCode(200)
                .body("mode", equalTo(List.of("SIMPLE_CONTINUOUS")));
        // 100 + 1 bolus x 30 = 130 mcg/day: +30 %, exactly the ceiling
        given().contentType(ContentType.JSON).body(bolus(100, 30, 1)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201).body("mode", equalTo("PATIENT_ACTIVATED_BOLUS"))
                .body("indication", equalTo("SPASTICITY_OF_SPINAL_ORIGIN"));
    }

    private static Map<String, Object> baclofen(Object dailyDoseMcg, String indication) {
        Map<String, Object> body = new HashMap<>(Map.of("drug", "baclofen", "concentrationPerMl", 500,
                "concentrationUnit", "ug/mL", "dailyDose", dailyDoseMcg, "dailyDoseUnit", "ug/d", "mode", "SIMPLE_CONTINUOUS"));
        if (indication != null) {
            body.put("indication", indication);
        }
        return body;
    }

    private static Map<String, Object> bolus(int dailyDoseMcg, int bolusMcg, int maxBolusesPerDay) {
        Map<String, Object> body = baclofen(dailyDoseMcg, null);
        body.putAll(Map.of("mode", "PATIENT_ACTIVATED_BOLUS", "bolusDose", bolusMcg, "bolusDoseUnit", "ug",
                "bolusLockoutMinutes", 60, "maxBolusesPerDay", maxBolusesPerDay, "overrideReason", "tone worse at night"));
        return body;
    }
}
