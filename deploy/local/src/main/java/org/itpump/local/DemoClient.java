package org.itpump.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** A small JSON-over-HTTP client for the demo, as a hospital's system would call the APIs. */
final class DemoClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    DemoClient(String token) {
        this.token = token;
    }

    JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    /** Every page of a paged list (Link rel="next" followed to the end), as one JSON array. */
    JsonNode getAll(String url) {
        com.fasterxml.jackson.databind.node.ArrayNode all = JSON.createArrayNode();
        String next = url;
        while (next != null) {
            HttpResponse<String> page = exchange(HttpRequest.newBuilder(URI.create(next)).GET(), next);
            try {
                JSON.readTree(page.body()).forEach(all::add);
            } catch (IOException e) {
                throw new IllegalStateException(next + ": " + e.getMessage(), e);
            }
            next = NextPage.of(page);
        }
        return all;
    }

    JsonNode post(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(json(body)), url);
    }

    JsonNode put(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(json(body)), url);
    }

    /** Polls until the answer satisfies the condition (the services are eventually consistent). */
    JsonNode await(String url, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode answer = get(url);
        while (!done.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Gave up waiting on " + url + ": " + answer);
            }
            sleep();
            answer = get(url);
        }
        return answer;
    }

    private JsonNode send(HttpRequest.Builder request, String url) {
        HttpResponse<String> response = exchange(request, url);
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String url) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.build().method() + " " + url + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
