package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TestClock;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 section 4: a program keeps the library version that checked it. Refills and refill timers work from
 * the program's pinned version (and the refill plan), so a library edit cannot make them fail; a version that
 * removes a drug in use or narrows a hard limit below an active program is refused with the affected therapies
 * (409), or published with an acknowledgement that is itself published; and a refill timer that keeps failing is
 * raised as dosing.refill-timer-failing. Every test puts the library it found back in force.
 */
@QuarkusTest
@TestSecurity(user = "pharmacist-1", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class DrugLibraryChangeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe dosingEvents;

    @Inject
    TestClock clock;
    @Inject
    Pool pool;

    private ObjectNode inForce;

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

    @BeforeEach
    void rememberTheLibrary() {
        inForce = given().get("/drug-library").then().statusCode(200).extract().as(ObjectNode.class);
    }

    @AfterEach
    void restoreTheLibrary() {
        clock.reset();
        // the library found (a widening of whatever a test narrowed: no active program can break it)
        given().contentType(ContentType.JSON).body(inForce.toString()).put("/drug-library").then().statusCode(200);
    }

    /**
     * Acceptance example: library v2 without baclofen is refused while a baclofen therapy is active; with an
     * acknowledgement it is published, and the therapy's refill and refill timer keep working from its pinned version.
     */
    @Test
    void aVersionWithoutBaclofenIsRefusedWhileABaclofenTherapyIsActiveAndPublishedOnlyAcknowledged() {
        Map<String, String> t = DosingTestSupport.openTherapy(sender);
        String therapyId = t.get("therapyId");
        String pathwayId = t.get("pathwayId");
        // baclofen 500 mcg/mL at 100 mcg/day (within the 50-200 starting range: no override)
        given().contentType(ContentType.JSON).body(baclofen(100)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201);
        int pinned = inForce.path("version").asInt();
        ObjectNode withoutBaclofen = without(inForce, "baclofen");

        JsonPath refused = given().contentType(ContentType.JSON).body(withoutBaclofen.toString()).put("/drug-library")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://itpump.org/problems/library-change-affects-therapies"))
                .body("libraryVersion", equalTo(pinned + 1))
                .body("detail", containsString("acknowledgeAffectedTherapies"))
                .body("errors", hasItem("therapy " + therapyId + ": baclofen is not in drug library v" + (pinned + 1)))
                .extract().jsonPath();
        Map<String, Object> ours = affected(refused, therapyId);
        assertEquals("baclofen", ours.get("drug"));
        assertEquals(pathwayId, ours.get("pathwayId"));
        assertEquals(pinned, ours.get("programLibraryVersion"));
        assertEquals(List.of(Map.of("limit", "DRUG_REMOVED")), stripNulls(ours.get("findings")));
        given().get("/drug-library/versions").then().body("[0].version", equalTo(pinned)); // nothing stored

        // an acknowledgement without its reason is a malformed request
        ObjectNode noReason = withoutBaclofen.deepCopy().put("acknowledgeAffectedTherapies", true);
        given().contentType(ContentType.JSON).body(noReason.toString()).put("/drug-library")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("acknowledgementReason"));

        ObjectNode acknowledged = withoutBaclofen.deepCopy().put("acknowledgeAffectedTherapies", true)
                .put("acknowledgementReason", "baclofen moved to the compounding library; patients switched this week");
        given().contentType(ContentType.JSON).body(acknowledged.toString()).put("/drug-library")
                .then().statusCode(200).body("version", equalTo(pinned + 1))
                .body("drugs.code", not(hasItem("baclofen")))
                .body("$", not(hasKey("acknowledgeAffectedTherapies"))).body("$", not(hasKey("acknowledgementReason")));
        JsonNode event = assertContract(dosingEvents.await(ofType("dosing.library-change-acknowledged", pathwayId), WAIT));
        assertEquals(therapyId, event.path("therapyId").asText());
        assertEquals("baclofen", event.path("drug").asText());
        assertEquals(pinned, event.path("programLibraryVersion").asInt());
        assertEquals(pinned + 1, event.path("libraryVersion").asInt());
        assertEquals("DRUG_REMOVED", event.path("findings").get(0).path("limit").asText());
        assertEquals("baclofen moved to the compounding library; patients switched this week", event.path("reason").asText());
        assertEquals("pharmacist-1", event.path("acknowledgedBy").asText());
        assertTrue(event.path("affectedTherapies").asInt() >= 1);

        // the refill is checked against the program's pinned version: recorded, not 422. 20 mL at 0.2 mL/day
        // (100 mcg/day / 500 mcg/mL) from today 00:00 reaches the 2 mL alarm after 18 / 0.2 = 90 days; baclofen's
        // 2-day margin makes it due on day 88, and its reminder goes out 7 days ahead, on day 81.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 500,
                        "concentrationUnit", "ug/mL", "lot", "B-7")).post("/pump-therapies/{id}/refills", therapyId)
                .then().statusCode(201).body("refillDueOn", equalTo(today.plusDays(88).toString()));
        // and its timer fires from the plan (no library read) although the library in force lacks baclofen
        clock.advance(Duration.ofDays(82));
        JsonNode due = assertContract(dosingEvents.await(ofType("dosing.refill-due", pathwayId), WAIT));
        assertEquals("baclofen", due.path("drug").asText());
        assertEquals(today.plusDays(88).toString(), due.path("refillDueDate").asText());
        // a new program is checked against the version in force, which refuses baclofen
        given().contentType(ContentType.JSON).body(baclofen(90)).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(422).body("detail", containsString("'baclofen' is not in drug library v" + (pinned + 1)));
    }

    @Test
    void narrowingAHardLimitBelowAnActiveProgramIsRefusedWithTheLimitAndTheProgramsValue() {
        Map<String, String> t = DosingTestSupport.openTherapy(sender);
        String therapyId = t.get("therapyId");
        // morphine 10 mg/mL at 2 mg/day (above the 0.5 mg/day starting maximum: with a reason)
        given().contentType(ContentType.JSON).body(Map.of("drug", "morphine", "concentrationPerMl", 10,
                        "concentrationUnit", "mg/mL", "dailyDose", 2, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS",
                        "overrideReason", "opioid-tolerant")).post("/pump-therapies/{id}/programs", therapyId)
                .then().statusCode(201);
        // v(n+1): morphine max 5 mg/mL (program 10) and max 1.5 mg/day (program 2); starting max 0.5 stays below it
        ObjectNode narrowed = inForce.deepCopy();
        ObjectNode morphine = drug(narrowed, "morphine");
        morphine.put("maxConcentrationPerMl", 5).put("maxDailyDose", new BigDecimal("1.5"));
        JsonPath refused = given().contentType(ContentType.JSON).body(narrowed.toString()).put("/drug-library")
                .then().statusCode(409).contentType("application/problem+json").extract().jsonPath();
        Map<String, Object> ours = affected(refused, therapyId);
        assertEquals("morphine", ours.get("drug"));
        assertEquals(List.of(
                        Map.of("limit", "MAX_CONCENTRATION", "limitValue", 5, "programValue", 10, "unit", "mg/mL"),
                        Map.of("limit", "MAX_DAILY_DOSE", "limitValue", 1.5f, "programValue", 2, "unit", "mg/d")),
                numbersAsStored(ours.get("findings")));

        // a widening (max 20 mg/day) leaves every program within it: published without acknowledgement
        ObjectNode widened = inForce.deepCopy();
        drug(widened, "morphine").put("maxDailyDose", 20);
        given().contentType(ContentType.JSON).body(widened.toString()).put("/drug-library")
                .then().statusCode(200).body("version", equalTo(inForce.path("version").asInt() + 1));
    }

    /**
     * A refill timer that fails (here one of a kind the service does not know, standing for any handler failure)
     * is retried on back-off and, at the 3rd failure in a row (%test settings: back-off 1 s doubling to 2 s, alert
     * after 3), raised as dosing.refill-timer-failing on the therapy's pathway.
     */
    @Test
    void aRefillTimerThatKeepsFailingIsRaisedAsAnAlertEvent() {
        Map<String, String> t = DosingTestSupport.openTherapy(sender);
        String therapyId = t.get("therapyId");
        given().contentType(ContentType.JSON).body(Map.of("drug", "morphine", "concentrationPerMl", 10,
                        "concentrationUnit", "mg/mL", "dailyDose", 0.4, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10,
                "concentrationUnit", "mg/mL", "lot", "M-1")).post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
        UUID timer = UUID.randomUUID();
        pool.preparedQuery("insert into due_timer (id, kind, subject_id, timer_key, due_at) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(timer, "refill-reminder-v0", UUID.fromString(therapyId), "refill-reminder-v0",
                        OffsetDateTime.ofInstant(clock.instant().minusSeconds(60), ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(10));
        try {
            JsonNode alert = assertContract(dosingEvents.await(ofType("dosing.refill-timer-failing", t.get("pathwayId")), WAIT));
            assertEquals(therapyId, alert.path("therapyId").asText());
            assertEquals("refill-reminder-v0", alert.path("timer").asText());
            assertEquals(3, alert.path("failures").asInt());
            assertEquals("morphine", alert.path("drug").asText());
            assertEquals("HIGH", alert.path("urgency").asText(), "morphine is not withdrawal-critical");
            assertTrue(alert.path("lastFailure").asText().contains("Unknown refill timer kind 'refill-reminder-v0'"));
            assertNotNull(alert.path("nextAttemptAt").asText(null));
        } finally {
            pool.preparedQuery("update due_timer set cancelled_at = now() where id = $1").execute(Tuple.of(timer))
                    .await().atMost(Duration.ofSeconds(10));
        }
    }

    private static Map<String, Object> baclofen(int dailyDoseMcg) {
        return new HashMap<>(Map.of("drug", "baclofen", "concentrationPerMl", 500, "concentrationUnit", "ug/mL",
                "dailyDose", dailyDoseMcg, "dailyDoseUnit", "ug/d", "mode", "SIMPLE_CONTINUOUS",
                "indication", "SPASTICITY_OF_SPINAL_ORIGIN"));
    }

    private static ObjectNode without(ObjectNode library, String code) {
        ObjectNode copy = library.deepCopy();
        ArrayNode drugs = (ArrayNode) copy.path("drugs");
        for (int i = drugs.size() - 1; i >= 0; i--) {
            if (code.equals(drugs.get(i).path("code").asText())) {
                drugs.remove(i);
            }
        }
        return copy;
    }

    private static ObjectNode drug(ObjectNode library, String code) {
        for (JsonNode drug : library.path("drugs")) {
            if (code.equals(drug.path("code").asText())) {
                return (ObjectNode) drug;
            }
        }
        throw new AssertionError(code + " not in the library");
    }

    /** The entry of affectedTherapies for this therapy (other test classes' active therapies may be listed too). */
    private static Map<String, Object> affected(JsonPath problem, String therapyId) {
        List<Map<String, Object>> all = problem.getList("affectedTherapies");
        return all.stream().filter(a -> therapyId.equals(a.get("therapyId"))).findFirst()
                .orElseThrow(() -> new AssertionError("therapy " + therapyId + " not among " + all));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stripNulls(Object findings) {
        return ((List<Map<String, Object>>) findings).stream().map(f -> {
            Map<String, Object> copy = new HashMap<>(f);
            copy.values().removeIf(java.util.Objects::isNull);
            return (Map<String, Object>) copy;
        }).toList();
    }

    /** Numbers as RestAssured reads them (ints, floats), stored values compared numerically. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> numbersAsStored(Object findings) {
        return ((List<Map<String, Object>>) findings).stream().map(f -> {
            Map<String, Object> copy = new HashMap<>(f);
            copy.replaceAll((k, v) -> v instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0
                    ? (Object) new BigDecimal(n.toString()).intValueExact() : v instanceof Number n ? (Object) n.floatValue() : v);
            return (Map<String, Object>) copy;
        }).toList();
    }
}
