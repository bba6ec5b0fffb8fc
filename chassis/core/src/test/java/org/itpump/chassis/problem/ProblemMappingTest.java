package org.itpump.chassis.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.itpump.chassis.ChassisTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every chassis exception becomes RFC 9457 problem+json with its own status, type, title and detail
 * ({@link ProblemMappers}), and an unexpected failure says nothing internal. The expected values are the mappers'
 * table, written out by hand.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class ProblemMappingTest {

    private static final String TYPES = "https://itpump.org/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/chassis-test/problems/")
    URI problems;

    @Test
    void aClinicalRuleViolationIs422WithItsDetails() throws Exception {
        JsonNode problem = get("rule", 422, "clinical-rule", "Clinical rule violated");
        assertEquals("daily dose above the label's maximum", problem.get("detail").asText());
        assertEquals(List.of("dailyDoseMg: 1.2 > 0.8"), texts(problem.get("errors")));
        assertEquals("/chassis-test/problems/rule", problem.get("instance").asText());
    }

    @Test
    void aStateConflictIs409() throws Exception {
        assertEquals("the trial has already passed",
                get("state", 409, "state-conflict", "Not allowed in the current state").get("detail").asText());
    }

    @Test
    void anUnknownResourceIs404() throws Exception {
        assertEquals("Trial 7b6c1e2a-0000-4000-8000-000000000001 does not exist",
                get("not-found", 404, "not-found", "Not found").get("detail").asText());
    }

    @Test
    void aBadQueryParameterIs400NamingIt() throws Exception {
        JsonNode problem = get("parameter", 400, "invalid-parameter", "Invalid query parameter");
        assertEquals("Query parameter 'status' is not one of IN_PROGRESS, PASSED", problem.get("detail").asText());
        assertEquals(List.of("status: Query parameter 'status' is not one of IN_PROGRESS, PASSED"), texts(problem.get("errors")));
    }

    @Test
    void aVersionConflictIs409ConcurrentChange() throws Exception {
        get("concurrent", 409, "concurrent-change", "Changed concurrently");
    }

    @Test
    void securityFailuresAre401And403() throws Exception {
        HttpResponse<String> unauthenticated = send(HttpRequest.newBuilder(problems.resolve("unauthenticated")).GET());
        assertProblem(unauthenticated, 401, "unauthenticated", "Authentication required");
        assertEquals("Bearer", unauthenticated.headers().firstValue("WWW-Authenticate").orElse(null));
        get("forbidden", 403, "forbidden", "Forbidden");
    }

    @Test
    void anUnexpectedFailureIs500WithAnIncidentIdAndNothingInternal() throws Exception {
        String detail = get("anything-else", 500, "internal-error", "Internal error").get("detail").asText();
        assertTrue(detail.matches("Unexpected failure; quote incident [0-9a-f-]{36} to the operations team"), detail);
        assertFalse(detail.contains("secret"), detail);
    }

    @Test
    void anUnreadableBodyIs400AndAnInvalidOneNamesTheField() throws Exception {
        HttpResponse<String> unreadable = post("{\"dailyDoseMg\": ");
        assertProblem(unreadable, 400, "unreadable-body", "Unreadable request body");

        HttpResponse<String> invalid = post("{\"dailyDoseMg\": -0.5}");
        JsonNode problem = assertProblem(invalid, 400, "invalid-request", "Invalid request");
        assertEquals("The request has 1 invalid field(s)", problem.get("detail").asText());
        assertEquals(1, problem.get("errors").size());
        assertTrue(problem.get("errors").get(0).asText().startsWith("dailyDoseMg: "), problem.toString());

        HttpResponse<String> valid = post("{\"dailyDoseMg\": 0.25}");
        assertEquals(200, valid.statusCode(), valid.body());
        assertEquals("0.25", valid.body());
    }

    private JsonNode get(String kind, int status, String type, String title) throws Exception {
        return assertProblem(send(HttpRequest.newBuilder(problems.resolve(kind)).GET()), status, type, title);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return send(HttpRequest.newBuilder(problems.resolve("dose")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String type, String title) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(TYPES + type, problem.get("type").asText());
        assertEquals(title, problem.get("title").asText());
        assertEquals(status, problem.get("status").asInt());
        return problem;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
