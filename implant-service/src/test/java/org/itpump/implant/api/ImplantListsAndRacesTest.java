package org.itpump.implant.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.testing.Pages;
import org.itpump.testing.ParallelRequests;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.itpump.implant.ImplantTestSupport.TOMORROW_9AM;
import static org.itpump.implant.ImplantTestSupport.booking;
import static org.itpump.implant.ImplantTestSupport.openCase;
import static org.itpump.implant.ImplantTestSupport.registerRoom;
import static org.itpump.implant.ImplantTestSupport.registerSurgeon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paged lists of implant-service, its unreadable query parameters, and concurrent writes to one record. */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class ImplantListsAndRacesTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void operatingRoomsComeInPagesInNameOrderWithoutDuplicatesOrGaps() {
        for (int i = 0; i < 7; i++) {
            registerRoom();
        }
        List<Map<String, Object>> all = given().queryParam("limit", 200).when().get("/operating-rooms")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(all.size() >= 7 && all.size() < 200, "one page of 200 holds them all: " + all.size());
        // pages of 3 rows: ceil(n / 3) pages, together the same rows in the same order as the single page
        List<Map<String, Object>> paged = Pages.all(() -> given().queryParam("limit", 3).when().get("/operating-rooms"),
                3, "operatingRoomId");
        assertEquals(Pages.ids(all, "operatingRoomId"), Pages.ids(paged, "operatingRoomId"));
        List<String> names = paged.stream().map(room -> (String) room.get("name")).toList();
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void implantCasesAndSurgeonsComeInPagesToo() {
        openCase(UUID.randomUUID().toString());
        openCase(UUID.randomUUID().toString());
        openCase(UUID.randomUUID().toString());
        registerSurgeon();
        registerSurgeon();
        registerSurgeon();
        // the cases just opened wait for scheduling: that worklist scopes the list (issue 14)
        List<Map<String, Object>> cases = given().queryParam("status", "AWAITING_SCHEDULING").queryParam("limit", 200)
                .when().get("/implant-cases").then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(cases.size() >= 3);
        assertEquals(Pages.ids(cases, "caseId"), Pages.ids(Pages.all(() -> given().queryParam("status",
                "AWAITING_SCHEDULING").queryParam("limit", 2).when().get("/implant-cases"), 2, "caseId"), "caseId"));
        List<Map<String, Object>> surgeons = given().queryParam("limit", 200).when().get("/surgeons")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(Pages.ids(surgeons, "surgeonId"), Pages.ids(Pages.all(
                () -> given().queryParam("limit", 2).when().get("/surgeons"), 2, "surgeonId"), "surgeonId"));
    }

    @Test
    void implantCasesNeedAPathwayOrASchedulingWorklist() {
        given().when().get("/implant-cases").then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://itpump.org/problems/filter-required"))
                .body("errors", org.hamcrest.Matchers.equalTo(List.of("pathwayId", "status=AWAITING_SCHEDULING|SCHEDULED")));
        // COMPLETED cases pile up for ever: no worklist
        given().queryParam("status", "COMPLETED").when().get("/implant-cases").then().statusCode(400);
        given().queryParam("status", "SCHEDULED").when().get("/implant-cases").then().statusCode(200);
        given().header(org.itpump.chassis.breakglass.BreakGlass.HEADER, "theatre system outage, rebuilding the list")
                .queryParam("status", "COMPLETED").when().get("/implant-cases").then().statusCode(200);
    }

    @Test
    void theTheatreListPagesByRoomAndKeepsEachRoomsBookings() {
        String surgeon = registerSurgeon();
        List<String> ourRooms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String room = registerRoom();
            ourRooms.add(room);
            given().contentType("application/json").body(booking(room, surgeon, TOMORROW_9AM.replace("T09", "T0" + (i + 1)), 30))
                    .when().post("/implant-cases/{id}/booking", openCase(UUID.randomUUID().toString()))
                    .then().statusCode(200);
        }
        String day = TOMORROW_9AM.substring(0, 10);
        List<Map<String, Object>> rooms = Pages.all(
                () -> given().queryParam("date", day).queryParam("limit", 2).when().get("/theatre-list"), 2, "operatingRoomId");
        for (String room : ourRooms) {
            Map<String, Object> listed = rooms.stream().filter(r -> room.equals(r.get("operatingRoomId"))).findFirst()
                    .orElseThrow(() -> new AssertionError("room " + room + " on no page"));
            assertEquals(1, ((List<?>) listed.get("bookings")).size());
        }
    }

    @Test
    void everyUnreadableQueryParameterIs400NamingIt() {
        Map<String, Map<String, String>> unreadable = Map.of(
                "/implant-cases", Map.of("status", "SLEEPING", "pathwayId", "not-a-uuid", "limit", "500"),
                "/theatre-list", Map.of("date", "tomorrow", "cursor", "%%%"),
                "/operating-rooms", Map.of("limit", "-1"),
                "/surgeons", Map.of("limit", "1.5"));
        unreadable.forEach((path, parameters) -> parameters.forEach((parameter, value) -> {
            var request = given().queryParam(parameter, value);
            if (path.equals("/theatre-list") && !parameter.equals("date")) {
                request = request.queryParam("date", "2026-12-01");
            }
            request.when().get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("detail", containsString("'" + parameter + "'"));
        }));
    }

    @Test
    void sameNameRegisteredConcurrentlyOnceAndTheOthersGet409() {
        ParallelRequests http = new ParallelRequests(base);
        String body = "{\"name\": \"Theatre race " + UUID.randomUUID() + "\"}";
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(http.send("POST", "operating-rooms", body));
        }
        int created = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 201) {
                created++;
            } else {
                ParallelRequests.assertConflict(response);
            }
        }
        assertEquals(1, created);
    }

    @Test
    void concurrentChecklistEditsOfOneCaseAnswer200Or409NeverA500() {
        String caseId = openCase(UUID.randomUUID().toString());
        ParallelRequests http = new ParallelRequests(base);
        List<PreOpItem> items = Arrays.asList(PreOpItem.values());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String confirmed = items.subList(0, 1 + i % items.size()).stream().map(item -> "\"" + item + "\"")
                    .reduce((a, b) -> a + "," + b).orElseThrow();
            answers.add(http.send("PUT", "implant-cases/" + caseId + "/pre-op-checklist", "{\"confirmed\": [" + confirmed + "]}"));
        }
        int accepted = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 200) {
                accepted++;
            } else {
                ParallelRequests.assertConflict(response);
            }
        }
        assertTrue(accepted >= 1);
    }
}
