package org.itpump.local.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.itpump.local.NextPage;
import org.itpump.local.RestClient;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * JSON over HTTP that rides out crashes: a connection error or a 5xx is retried with back-off until a deadline
 * (a killed service comes back within seconds). Every 5xx is counted. An answer after a retry may be the
 * second delivery of a request the server had already applied; {@link Answer#retried()} says so. The requests
 * themselves are the local tools' one {@link RestClient}'s.
 */
final class RetryingClient {

    static final ObjectMapper JSON = RestClient.JSON;
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong connectionErrors = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    private final RestClient rest;
    private final Duration patience;

    RetryingClient(String token, Duration patience) {
        this.rest = new RestClient(token, Duration.ofSeconds(3), Duration.ofSeconds(20));
        this.patience = patience;
    }

    /** {@code next}: the next page's URI from a Link rel="next" header, or null. */
    record Answer(int status, JsonNode body, String raw, boolean retried, String next) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Answer get(String url) {
        return send("GET", url, null);
    }

    /** Every page of a paged list (Link rel="next" followed to the end), as one JSON array; each page retried. */
    JsonNode getAll(String url) {
        com.fasterxml.jackson.databind.node.ArrayNode all = JSON.createArrayNode();
        String next = url;
        while (next != null) {
            Answer page = get(next);
            if (!page.ok()) {
                throw new IllegalStateException("GET " + next + " answered " + page.status() + ": " + page.raw());
            }
            page.body().forEach(all::add);
            next = page.next();
        }
        return all;
    }

    Answer post(String url, Object body) {
        return send("POST", url, body);
    }

    Answer put(String url, Object body) {
        return send("PUT", url, body);
    }

    /** Polls a GET until the condition holds (eventual consistency), riding out crashes; null on time-out. */
    JsonNode await(String url, Predicate<JsonNode> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Answer answer = get(url);
            if (answer.ok() && done.test(answer.body())) {
                return answer.body();
            }
            sleep(150);
        }
        return null;
    }

    Answer send(String method, String url, Object body) {
        Instant deadline = Instant.now().plus(patience);
        boolean retried = false;
        long backoff = 100;
        while (true) {
            try {
                HttpResponse<String> response = rest.exchange(method, url, body);
                if (response.statusCode() >= 500) {
                    serverErrors.incrementAndGet();
                    throw new IOException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
                }
                String raw = response.body();
                JsonNode json;
                try {
                    json = raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
                } catch (IOException notJson) {
                    json = JSON.nullNode();
                }
                return new Answer(response.statusCode(), json, raw, retried, NextPage.of(response));
            } catch (IOException e) {
                if (!(e.getMessage() != null && e.getMessage().contains(" answered 5"))) {
                    connectionErrors.incrementAndGet();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Gave up on " + method + " " + url + " after " + patience + ": " + e, e);
                }
                retried = true;
                retries.incrementAndGet();
                sleep(backoff);
                backoff = Math.min(backoff * 2, 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static void sleep(long millis) {
        RestClient.sleep(millis);
    }
}
