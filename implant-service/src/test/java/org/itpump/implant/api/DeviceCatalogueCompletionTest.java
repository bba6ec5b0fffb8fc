package org.itpump.implant.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.itpump.implant.ImplantTestSupport.TOMORROW_9AM;
import static org.itpump.implant.ImplantTestSupport.booking;
import static org.itpump.implant.ImplantTestSupport.confirmPreOp;
import static org.itpump.implant.ImplantTestSupport.openCase;
import static org.itpump.implant.ImplantTestSupport.procedure;
import static org.itpump.implant.ImplantTestSupport.registerRoom;
import static org.itpump.implant.ImplantTestSupport.registerSurgeon;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12 section 2: the completion names a device catalogue model, and implant.completed carries its facts. */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class DeviceCatalogueCompletionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String scheduledCase(String pathwayId) {
        String caseId = openCase(pathwayId);
        given().contentType(ContentType.JSON).body(booking(registerRoom(), registerSurgeon(), TOMORROW_9AM, 120))
                .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
        confirmPreOp(caseId);
        return caseId;
    }

    private static Map<String, Object> withDevice(String manufacturer, String model, Object reservoirMl) {
        Map<String, Object> body = new HashMap<>(procedure(20));
        body.put("device", Map.of("manufacturer", manufacturer, "model", model, "serialNumber", "PRO-0001",
                "reservoirVolumeMl", reservoirMl));
        return body;
    }

    @Test
    void aDeviceOutsideTheCatalogueIs422NamingWhatIsAllowedAndTheCaseStaysScheduled() {
        String caseId = scheduledCase(UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(withDevice("Medtronic", "SynchroMed EL", 18))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("Pump model 'SynchroMed EL' is not in the device catalogue (rule device-catalogue);"
                        + " known models: Medtronic SynchroMed II (20 or 40 mL), Flowonix Prometra II (20 or 40 mL)"))
                .body("errors", equalTo(List.of("Medtronic SynchroMed II", "Flowonix Prometra II")));
        given().contentType(ContentType.JSON).body(withDevice("Medtronic", "SynchroMed II", 30))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(422)
                .body("detail", equalTo("A Medtronic SynchroMed II reservoir holds 20 or 40 mL, not 30 mL (rule device-catalogue)"))
                .body("errors", equalTo(List.of("20 mL", "40 mL")));
        given().contentType(ContentType.JSON).body(withDevice("Medtronic", "Prometra II", 20))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(422).body("detail", containsString("is made by Flowonix, not 'Medtronic'"));
        given().when().get("/implant-cases/{id}", caseId).then().statusCode(200).body("status", equalTo("SCHEDULED"));
    }

    @Test
    void aGoodCompletionPublishesThePumpsFactsInTheCataloguesSpelling() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = scheduledCase(pathwayId);
        given().contentType(ContentType.JSON).body(withDevice("FLOWONIX", "prometra ii", 20))
                .when().post("/implant-cases/{id}/completion", caseId)
                .then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("procedure.deviceModel", equalTo("Prometra II"))
                .body("procedure.deviceManufacturer", equalTo("Flowonix"))
                .body("procedure.pumpMechanism", equalTo("VALVE_GATED"))
                .body("procedure.lowReservoirAlarmMl.toBigDecimal()", comparesEqualTo(new BigDecimal("2")));
        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            JsonNode device = assertContract(probe.await(ofType("implant.completed", pathwayId), WAIT)).path("device");
            assertEquals("Flowonix", device.path("manufacturer").asText());
            assertEquals("Prometra II", device.path("model").asText());
            assertEquals(20, device.path("reservoirVolumeMl").asInt());
            assertEquals(0, new BigDecimal("2").compareTo(device.path("lowReservoirAlarmMl").decimalValue()));
            assertTrue(device.path("lowReservoirAlarmRangeMl").isMissingNode(), "Prometra II's alarm is not programmable");
            assertEquals("VALVE_GATED", device.path("mechanism").asText());
            assertEquals("MR_CONDITIONAL", device.path("mri").path("safety").asText());
            assertTrue(device.path("mri").path("summary").asText().startsWith("Empty the reservoir"));
            assertTrue(device.path("mri").path("conditions").size() >= 3);
            assertTrue(device.path("mri").path("source").asText().contains("PL-21604-02"));
            assertFalse(device.path("catalogueSource").asText().isBlank());
        }
    }

    @Test
    void aSynchroMedCompletionPublishesItsProgrammableAlarmRange() {
        String pathwayId = UUID.randomUUID().toString();
        String caseId = scheduledCase(pathwayId);
        given().contentType(ContentType.JSON).body(withDevice("Medtronic", "SynchroMed II", 40))
                .when().post("/implant-cases/{id}/completion", caseId).then().statusCode(200);
        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            JsonNode device = assertContract(probe.await(ofType("implant.completed", pathwayId), WAIT)).path("device");
            assertEquals(40, device.path("reservoirVolumeMl").asInt());
            assertEquals("PERISTALTIC", device.path("mechanism").asText());
            assertEquals(0, new BigDecimal("2").compareTo(device.path("lowReservoirAlarmMl").decimalValue()));
            assertEquals(0, BigDecimal.ONE.compareTo(device.path("lowReservoirAlarmRangeMl").path("minMl").decimalValue()));
            assertEquals(0, new BigDecimal("5").compareTo(device.path("lowReservoirAlarmRangeMl").path("maxMl").decimalValue()));
        }
    }
}
