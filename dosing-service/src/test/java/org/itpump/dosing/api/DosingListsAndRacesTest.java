package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.Await;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.Pages;
import org.itpump.testing.ParallelRequests;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent dose changes and refills of one therapy, the paged therapy list, unreadable query parameters. */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class DosingListsAndRacesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EventSender sender;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
    }

    @AfterAll
    static void close() {
        sender.close();
    }

    private static String openTherapy() {
        String pathwayId = UUID.randomUUID().toString();
        sender.sendCloudEvent("itpump.implant.events", UUID.randomUUID().toString(), "implant.completed", pathwayId,
                ContractSamples.implantCompleted(pathwayId, UUID.randomUUID().toString()));
        return (String) Await.until(() -> given().queryParam("pathwayId", pathwayId).get("/pump-therapies")
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), "the therapy of pathway " + pathwayId).get(0).get("therapyId");
    }

    @Test
    void doseChangesAndRefillsOfOneTherapyRunOneAfterTheOtherAndEachIsKept() throws Exception {
        String therapyId = openTherapy();
        given().contentType(ContentType.JSON).body(Map.of("drug", "morphine", "concentrationPerMl", 10, "concentrationUnit", "mg/mL",
                "dailyDose", 0.4, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS")).post("/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
        ParallelRequests http = new ParallelRequests(base);
        List<CompletableFuture<HttpResponse<String>>> programs = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> refills = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // the same 0.4 mg/day each time: no step rule applies, so only a race could refuse one
            programs.add(http.send("POST", "pump-therapies/" + therapyId + "/programs",
                    "{\"drug\": \"morphine\", \"concentrationPerMl\": 10, \"concentrationUnit\": \"mg/mL\", \"dailyDose\": 0.4,"
                            + " \"dailyDoseUnit\": \"mg/d\", \"mode\": \"SIMPLE_CONTINUOUS\"}"));
            refills.add(http.send("POST", "pump-therapies/" + therapyId + "/refills",
                    "{\"volumeAddedMl\": 20, \"concentrationPerMl\": 10, \"concentrationUnit\": \"mg/mL\", \"lot\": \"L-" + i + "\"}"));
        }
        int programmed = 1 + accepted(programs);
        int refilled = accepted(refills);
        JsonNode history = JSON.readTree(given().get("/pump-therapies/{id}/programs", therapyId).then().statusCode(200)
                .extract().asString());
        assertEquals(programmed, history.size());
        // One program in force, and each earlier one superseded exactly when the next was programmed: the chain
        // holds only when each dose change saw the one before it.
        int inForce = 0;
        for (int i = 0; i < history.size(); i++) {
            JsonNode superseded = history.get(i).path("supersededAt");
            if (superseded.isNull() || superseded.isMissingNode()) {
                inForce++;
            } else {
                assertEquals(history.get(i + 1).path("programmedAt").asText(), superseded.asText(), history.toString());
            }
        }
        assertEquals(1, inForce, history.toString());
        assertEquals(refilled, given().get("/pump-therapies/{id}/refills", therapyId).then().statusCode(200)
                .extract().jsonPath().getList("$").size());
        assertTrue(refilled >= 1);
    }

    private static int accepted(List<CompletableFuture<HttpResponse<String>>> answers) {
        int accepted = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 201) {
                accepted++;
            } else {
                ParallelRequests.assertConflict(response);
            }
        }
        return accepted;
    }

    @Test
    void pumpTherapiesNeedAPathway() {
        // ACTIVE therapies are every patient with a pump: no worklist, so only the pathway scopes the list
        given().queryParam("status", "ACTIVE").when().get("/pump-therapies").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://itpump.org/problems/filter-required"))
                .body("errors", org.hamcrest.Matchers.equalTo(List.of("pathwayId")));
        given().queryParam("pathwayId", UUID.randomUUID().toString()).when().get("/pump-therapies").then()
                .statusCode(200).body("$", org.hamcrest.Matchers.empty());
    }

    @Test
    void pumpTherapiesComeInPagesWithoutDuplicatesOrGaps() {
        openTherapy();
        openTherapy();
        openTherapy();
        // every therapy: no filter scopes that, so the test reads it as a break-glass read (issue 14)
        Pages.withBreakGlass(() -> {
            List<Map<String, Object>> all = given().queryParam("limit", 200).when().get("/pump-therapies")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertTrue(all.size() >= 3 && all.size() < 200);
            assertEquals(Pages.ids(all, "therapyId"), Pages.ids(Pages.all(
                    () -> given().queryParam("limit", 2).when().get("/pump-therapies"), 2, "therapyId"), "therapyId"));
            return null;
        });
    }

    @Test
    void everyUnreadableQueryParameterIs400NamingIt() {
        Map.of("status", "PAUSED", "pathwayId", "1-2-3-4-5", "limit", "many", "cursor", "x").forEach((parameter, value) ->
                given().queryParam(parameter, value).when().get("/pump-therapies").then().statusCode(400)
                        .contentType("application/problem+json").body("detail", containsString("'" + parameter + "'")));
        // a path parameter that cannot be a library version names no resource: still 404
        given().get("/drug-library/versions/{v}", "first").then().statusCode(404).contentType("application/problem+json");
    }
}
