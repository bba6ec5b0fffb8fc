package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.header;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 section 2: refills are planned to the implanted pump's own low-reservoir alarm volume, published on
 * implant.completed (device.lowReservoirAlarmMl); an event without it keeps the 2 mL assumed before.
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class PumpAlarmVolumeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventSender sender;
    private static TopicProbe dosingEvents;

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

    /** implant.completed of a 40 mL pump, its device alarming at alarmMl (null: the field left out, an older event). */
    private static String implantCompleted(String pathwayId, String caseId, String alarmMl) {
        String event = ContractSamples.implantCompleted(pathwayId, caseId);
        return alarmMl == null ? event : event.replace("\"serialNumber\":\"NGP123456H\",",
                "\"serialNumber\":\"NGP123456H\",\"lowReservoirAlarmMl\":" + alarmMl + ",\"mechanism\":\"PERISTALTIC\",");
    }

    /** Opens the therapy; returns its id. */
    private static String openTherapy(String pathwayId, String alarmMl) {
        sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.completed", pathwayId,
                implantCompleted(pathwayId, UUID.randomUUID().toString(), alarmMl));
        List<Map<String, Object>> therapies = Await.until(() -> given().queryParam("pathwayId", pathwayId)
                        .get("/pump-therapies").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), "the therapy of pathway " + pathwayId);
        return (String) therapies.get(0).get("therapyId");
    }

    /** Morphine 10 mg/mL at 2 mg/day, then 20 mL filled today: returns the refill's due date. */
    private static String refillDueOn(String therapyId) {
        given().contentType(ContentType.JSON).body(Map.of("drug", "morphine", "concentrationPerMl", 10,
                        "concentrationUnit", "mg/mL", "dailyDose", 2, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS",
                        "overrideReason", "opioid-tolerant"))
                .post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        return given().contentType(ContentType.JSON).body(Map.of("volumeAddedMl", 20, "concentrationPerMl", 10,
                        "concentrationUnit", "mg/mL", "lot", "L-1"))
                .post("/pump-therapies/{id}/refills", therapyId).then().statusCode(201).extract().path("refillDueOn");
    }

    @Test
    void theSameDoseFallsDueTenDaysEarlierInAPumpThatAlarmsAt4Ml() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String fourMlPathway = UUID.randomUUID().toString();
        String fourMl = openTherapy(fourMlPathway, "4.0");
        given().get("/pump-therapies/{id}", fourMl).then().statusCode(200)
                .body("lowReservoirAlarmMl.toBigDecimal()", comparesEqualTo(new BigDecimal("4")));
        JsonNode opened = assertContract(dosingEvents.await(ofType("dosing.therapy-opened", fourMlPathway), WAIT));
        assertEquals(0, new BigDecimal("4").compareTo(opened.path("lowReservoirAlarmMl").decimalValue()));
        String twoMl = openTherapy(UUID.randomUUID().toString(), null);
        given().get("/pump-therapies/{id}", twoMl).then().statusCode(200)
                .body("lowReservoirAlarmMl.toBigDecimal()", comparesEqualTo(new BigDecimal("2")));

        // 20 mL of 10 mg/mL at 2 mg/day = 0.2 mL/day from the start of today.
        // Alarm at 4 mL: (20 - 4) / 0.2 = 80 days, minus morphine's 1-day margin: due on day 79.
        assertEquals(today.plusDays(79).toString(), refillDueOn(fourMl));
        // No alarm volume on the event: the 2 mL default, (20 - 2) / 0.2 = 90 days, due on day 89.
        assertEquals(today.plusDays(89).toString(), refillDueOn(twoMl));
        String alarmAt = given().get("/pump-therapies/{id}/refill-plans", fourMl).then().statusCode(200)
                .body("[0].refillDueOn", equalTo(today.plusDays(79).toString())).extract().path("[0].alarmAt");
        // the alarm itself at the start of today + 80 days (instants are rounded down to the second)
        Duration offBy = Duration.between(OffsetDateTime.parse(alarmAt).toInstant(),
                today.plusDays(80).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertTrue(!offBy.isNegative() && offBy.compareTo(Duration.ofSeconds(1)) <= 0, alarmAt);
    }

    @Test
    void anAlarmVolumeNotBelowTheReservoirIsDeadLettered() {
        String pathwayId = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        sender.sendCloudEvent("itpump.implant.events", id, "implant.completed", pathwayId,
                implantCompleted(pathwayId, UUID.randomUUID().toString(), "40"));
        try (TopicProbe deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.dosing-service.dlq")) {
            String reason = header(deadLetters.await(r -> id.equals(header(r, "ce_id")), WAIT), "dead-letter-reason");
            assertTrue(reason.contains("low-reservoir alarm volume 40 mL"), reason);
        }
        given().queryParam("pathwayId", pathwayId).get("/pump-therapies").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.hasSize(0));
    }
}
