package org.itpump.trial.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body declared (Content-Length) over the 10 MiB limit is refused with 413 problem+json before it is read.
 * (A chunked body over the limit is cut off by RESTEasy's stream reader, and a request that waits for
 * "100 Continue" by Quarkus' own check: both answer a bare 413.)
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN})
@WithTestResource(PathwayTestResource.class)
class BodySizeLimitTest {

    private static final int OVER_LIMIT_BYTES = 11 * 1024 * 1024;

    @TestHTTPResource("/trials")
    URI trials;

    @Test
    void aDeclaredOversizeBodyGets413ProblemJsonBeforeItIsRead() throws Exception {
        // java.net.http reads the answer while it still sends; the service drops the rest of the body.
        JsonNode problem = refused(HttpClient.Version.HTTP_1_1, false);
        assertEquals("Request body too large", problem.path("title").asText());
        assertTrue(problem.path("detail").asText().contains("10485760 bytes"), problem.toString());
        assertEquals("/trials", problem.path("instance").asText());
    }

    @Test
    void anHttp2UpgradeWithAnOversizeBodyGets413ProblemJsonToo() throws Exception {
        refused(HttpClient.Version.HTTP_2, false); // h2c upgrade, as java.net.http tries by default
    }

    private JsonNode refused(HttpClient.Version version, boolean expectContinue) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(trials).header("Content-Type", "application/json")
                .expectContinue(expectContinue).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversizeJson())).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(version).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), version + ", expect-continue " + expectContinue + ": " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertEquals(413, problem.path("status").asInt());
        return problem;
    }

    @Test
    void aBodyWithinTheLimitIsReadAsUsual() {
        given().contentType(ContentType.JSON).body("{\"candidateId\": 7.5}").when().post("/trials")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static byte[] oversizeJson() {
        byte[] body = new byte[OVER_LIMIT_BYTES];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }
}
