package org.itpump.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * JSON over HTTP with a bearer token, as a hospital's system calls the services: the one REST client of the local
 * tools (the demo, the benchmark, and under the fault suite's retries). {@link #exchange} gives any answer as it is;
 * the other calls want a 2xx and throw {@link IllegalStateException} naming the request and the answer otherwise.
 */
public final class RestClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String token;
    private final Duration requestTimeout;

    public RestClient(String token, Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.token = token;
        this.requestTimeout = requestTimeout;
    }

    /** A client with the demo's and the benchmark's timeouts: 5 s to connect, 30 s for an answer. */
    public RestClient(String token) {
        this(token, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /**
     * One request, whatever its answer's status.
     *
     * @param body JSON text, an object to write as JSON, or null for none
     * @throws IOException when no answer came (connection refused or reset, time-out)
     */
    public HttpResponse<String> exchange(String method, String url, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * One request with a body sent exactly as given, under any content type (the fault suite's malformed bodies),
     * whatever its answer's status.
     */
    public HttpResponse<String> exchangeRaw(String method, String url, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request whose answer must be 2xx; its body as JSON (a null node when empty). */
    public JsonNode call(String method, String url, Object body) {
        return json(success(method, url, body).body(), url);
    }

    public JsonNode get(String url) {
        return call("GET", url, null);
    }

    public JsonNode post(String url, Object body) {
        return call("POST", url, body);
    }

    public JsonNode put(String url, Object body) {
        return call("PUT", url, body);
    }

    /** Every page of a paged list (Link rel="next" followed to the end), as one JSON array. */
    public JsonNode getAll(String url) {
        ArrayNode all = JSON.createArrayNode();
        String next = url;
        while (next != null) {
            HttpResponse<String> page = success("GET", next, null);
            json(page.body(), next).forEach(all::add);
            next = NextPage.of(page);
        }
        return all;
    }

    /** Polls a GET until the answer satisfies the condition (the services are eventually consistent), at most 60 s. */
    public JsonNode await(String url, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode answer = get(url);
        while (!done.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Gave up waiting on " + url + ": " + answer);
            }
            sleep(100);
            answer = get(url);
        }
        return answer;
    }

    /** A body as JSON text: a String is taken as JSON already, anything else is written by Jackson. */
    public static String text(Object body) {
        if (body instanceof String json) {
            return json;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The answer's body as JSON: a null node when empty. */
    public static JsonNode json(String raw, String url) {
        try {
            return raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> success(String method, String url, Object body) {
        try {
            HttpResponse<String> response = exchange(method, url, body);
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
