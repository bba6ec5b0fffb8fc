package org.itpump.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Truly concurrent HTTP requests (java.net.http, asynchronous, many connections) for race tests. The service's
 * {@code @TestSecurity} identity applies to them as to RestAssured's.
 */
public final class ParallelRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    public ParallelRequests(URI base) {
        this.base = base;
    }

    /** Starts the request and returns at once; {@code json} null sends no body. */
    public CompletableFuture<HttpResponse<String>> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A 409 answered as problem+json with status 409 in the body. */
    public static void assertConflict(HttpResponse<String> response) {
        assertEquals(409, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        try {
            assertEquals(409, JSON.readTree(response.body()).path("status").asInt(), response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
