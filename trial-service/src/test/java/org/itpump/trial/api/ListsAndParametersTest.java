package org.itpump.trial.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.PathwayTestResource;
import org.itpump.trial.TrialTestSupport;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Paged lists (limit, an opaque cursor in the Link header) and query parameters that cannot be read. */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class ListsAndParametersTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    @Test
    void aListLongerThanThePageComesInPagesWithoutDuplicatesOrGaps() {
        String since = since();
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            started.add(0, (String) TrialTestSupport.startTrial(6).get("trialId")); // newest first, like the list
        }
        // 7 trials, pages of 3: 3 + 3 + 1, the last one without a next link
        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Response page = given().queryParam("from", since).queryParam("to", aDayAfter(since)).queryParam("limit", 3)
                .when().get("/trials");
        while (true) {
            page.then().statusCode(200).contentType("application/json");
            List<String> ids = page.jsonPath().getList("trialId");
            listed.addAll(ids);
            pageSizes.add(ids.size());
            String next = nextLink(page);
            if (next == null) {
                break;
            }
            page = given().urlEncodingEnabled(false).when().get(next);
        }
        assertEquals(List.of(3, 3, 1), pageSizes);
        assertEquals(started, listed);
        assertEquals(listed.size(), new HashSet<>(listed).size());
    }

    @Test
    void aTrialStartedWhilePagingNeitherRepeatsNorHidesTheOthers() {
        String since = since();
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            started.add(0, (String) TrialTestSupport.startTrial(6).get("trialId"));
        }
        Response first = given().queryParam("from", since).queryParam("to", aDayAfter(since)).queryParam("limit", 2)
                .when().get("/trials");
        assertEquals(started.subList(0, 2), first.jsonPath().getList("trialId"));
        TrialTestSupport.startTrial(6); // newer than every listed one: it belongs before the cursor, not after it
        Response second = given().urlEncodingEnabled(false).when().get(nextLink(first));
        assertEquals(started.subList(2, 4), second.jsonPath().getList("trialId"));
        assertNull(nextLink(second));
    }

    @Test
    void theDefaultPageIs50AndTheLimitIsBounded() {
        given().queryParam("status", "IN_PROGRESS").queryParam("limit", 200).when().get("/trials").then().statusCode(200);
        given().queryParam("limit", 201).when().get("/trials").then().statusCode(400)
                .contentType("application/problem+json").body("errors", hasItem(containsString("limit")))
                .body("detail", containsString("between 1 and 200"));
        given().queryParam("limit", 0).when().get("/trials").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'limit'"));
        given().queryParam("cursor", "bm90LW91cnM").when().get("/trials").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'cursor'"));
    }

    @Test
    void everyUnreadableQueryParameterIs400NamingIt() {
        Map<String, String> unreadable = Map.of(
                "status", "X",
                "from", "tomorrow",
                "to", "2026-13-45T00:00:00Z",
                "limit", "fifty");
        unreadable.forEach((parameter, value) -> given().queryParam(parameter, value).when().get("/trials")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid query parameter"))
                .body("detail", containsString("'" + parameter + "'"))
                .body("errors[0]", containsString(parameter + ": ")));
        given().queryParam("status", "X").when().get("/trials").then()
                .body("detail", containsString("IN_PROGRESS"));
        // a path parameter that cannot be an id still names no resource: 404
        given().when().get("/trials/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    /** The end of a one-day start-date range from {@code since}: a range scopes the list (issue 14). */
    private static String aDayAfter(String since) {
        return OffsetDateTime.parse(since).plusDays(1).toString();
    }

    /** Now, to the millisecond: trials of the other tests started before it. */
    private static String since() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return now.toString();
    }

    static String nextLink(Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        return next.find() ? next.group(1) : null;
    }
}
