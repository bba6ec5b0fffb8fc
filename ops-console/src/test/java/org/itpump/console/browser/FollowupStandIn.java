package org.itpump.console.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP endpoint standing in for followup-service's {@code POST /escalations/{id}/acknowledgement} in the
 * module's browser test (followup-service itself is not started here). Like the real one, it takes the acknowledging
 * user from the bearer token, refuses a caller without the clinician or nurse role (403), and publishes
 * followup.escalation-acknowledged to the real topic before answering; the console learns of it only from the
 * topic. It does not verify the token's signature: followup-service's own SecurityTest covers that.
 */
public class FollowupStandIn implements QuarkusTestResourceLifecycleManager {

    /** What a test registers per escalation: the event to publish for an acknowledging user. */
    public static final Map<String, Function<String, Runnable>> ACKNOWLEDGEMENTS = new ConcurrentHashMap<>();
    /** Every acknowledgement received: "escalationId by user". */
    public static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/escalations/", this::acknowledge);
        server.start();
        return Map.of("itpump.console.followup-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void acknowledge(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"POST".equals(exchange.getRequestMethod()) || path.length != 4 || !"acknowledgement".equals(path[3])) {
                answer(exchange, 404, "{\"status\":404}");
                return;
            }
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                answer(exchange, 401, "{\"status\":401}");
                return;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]));
            String user = claims.path("upn").asText();
            boolean allowed = false;
            for (JsonNode group : claims.path("groups")) {
                allowed |= group.asText().equals("clinician") || group.asText().equals("nurse");
            }
            if (!allowed) {
                answer(exchange, 403, "{\"status\":403}");
                return;
            }
            Function<String, Runnable> publish = ACKNOWLEDGEMENTS.get(path[2]);
            if (publish == null) {
                answer(exchange, 404, "{\"status\":404}");
                return;
            }
            publish.apply(user).run();
            RECEIVED.add(path[2] + " by " + user);
            answer(exchange, 200, "{\"escalationId\":\"" + path[2] + "\",\"acknowledgedBy\":\"" + user + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
