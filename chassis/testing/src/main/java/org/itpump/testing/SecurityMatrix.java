package org.itpump.testing;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.itpump.chassis.security.Roles;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks every endpoint of a service with real bearer tokens: none (401), each role it does not allow (403)
 * and each role it allows (past the security gate: neither 401 nor 403). Tokens are signed with Quarkus'
 * test key pair, so the service verifies real signatures.
 */
public final class SecurityMatrix {

    public record Endpoint(String method, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The chassis' dead-letter endpoints (org.itpump.chassis.deadletter), in every consuming service: ops only. */
    public static final List<Endpoint> DEAD_LETTER_ENDPOINTS = List.of(
            endpoint("GET", "/dead-letters", Roles.OPS),
            endpoint("POST", "/dead-letters/redrive", Roles.OPS));

    private SecurityMatrix() {
    }

    /** A service's own endpoints followed by the chassis' dead-letter endpoints. */
    public static List<Endpoint> withDeadLetters(List<Endpoint> own) {
        List<Endpoint> all = new ArrayList<>(own);
        all.addAll(DEAD_LETTER_ENDPOINTS);
        return List.copyOf(all);
    }

    public static Endpoint endpoint(String method, String path, String... allowed) {
        return new Endpoint(method, path, Set.of(allowed));
    }

    public static String token(String role) {
        return Jwt.upn("matrix-" + role).groups(role).sign();
    }

    public static void verify(List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            assertRefused(401, call(given(), endpoint), endpoint + " without a token");
            assertRefused(401, call(given().auth().oauth2("not-a-jwt"), endpoint), endpoint + " with a malformed token");
            for (String role : Roles.ALL) {
                ExtractableResponse<Response> answer = call(given().auth().oauth2(token(role)), endpoint);
                int status = answer.statusCode();
                if (endpoint.allowed().contains(role)) {
                    assertTrue(status != 401 && status != 403, endpoint + " as " + role + " answered " + status);
                } else {
                    assertRefused(403, answer, endpoint + " as " + role);
                }
            }
        }
    }


    /**
     * The production defaults of the token check (chassis microprofile-config.properties): a token of an allowed role
     * is still refused (401) when its audience is another service, when it is older than the maximum token age
     * (3,600 s: issued 2 h ago, though it expires only in 5 min), or when another issuer signed it. Checked on the
     * first endpoint: the check runs before any endpoint's own code.
     */
    public static void verifyTokenDefaults(List<Endpoint> endpoints) {
        Endpoint endpoint = endpoints.get(0);
        String role = endpoint.allowed().iterator().next();
        long now = System.currentTimeMillis() / 1000;
        assertRefused(401, call(given().auth().oauth2(Jwt.upn("matrix-" + role).groups(role)
                .audience("another-service").sign()), endpoint), endpoint + " with a token for another service");
        assertRefused(401, call(given().auth().oauth2(Jwt.upn("matrix-" + role).groups(role)
                .issuedAt(now - 7200).expiresAt(now + 300).sign()), endpoint), endpoint + " with a token issued 2 h ago");
        assertRefused(401, call(given().auth().oauth2(Jwt.upn("matrix-" + role).groups(role)
                .issuer("https://idp.elsewhere.example").sign()), endpoint), endpoint + " with a token of another issuer");
        // the same token with this service's defaults passes the gate: the three refusals are the claims' doing
        int status = call(given().auth().oauth2(token(role)), endpoint).statusCode();
        assertTrue(status != 401 && status != 403, endpoint + " as " + role + " answered " + status);
    }

    /**
     * Every call above left its audit row: the anonymous ones (401), the refused roles (403) and the allowed
     * ones, each with the caller's name, read from the service's audit_record table.
     */
    public static void assertAudited(Pool pool, List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            List<String> rows = new ArrayList<>();
            pool.preparedQuery("select actor, outcome_status from audit_record where method = $1 and path = $2")
                    .execute(Tuple.of(endpoint.method(), endpoint.path())).await().atMost(Duration.ofSeconds(10))
                    .forEach(row -> rows.add(row.getString("actor") + ":" + row.getInteger("outcome_status")));
            assertTrue(rows.contains("anonymous:401"), endpoint + " audited without a token: " + rows);
            for (String role : Roles.ALL) {
                boolean audited = rows.stream().anyMatch(row -> row.startsWith("matrix-" + role + ":")
                        && (endpoint.allowed().contains(role) != row.endsWith(":403")));
                assertTrue(audited, endpoint + " audited for " + role + ": " + rows);
            }
        }
    }

    private static void assertRefused(int expected, ExtractableResponse<Response> answer, String what) {
        assertEquals(expected, answer.statusCode(), what);
        assertTrue(String.valueOf(answer.contentType()).startsWith("application/problem+json"),
                what + " answered " + answer.contentType() + ", not problem+json");
    }

    private static ExtractableResponse<Response> call(RequestSpecification request, Endpoint endpoint) {
        if (!endpoint.method().equals("GET")) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        return request.when().request(endpoint.method(), endpoint.path()).then().extract();
    }
}
