package org.itpump.chassis.security;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.infra.Infrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The verified-token cache (issue 17): a token verified once is answered from memory (the same principal), but an
 * expired one is refused even though it was cached, and a token changed in any byte is verified afresh and refused.
 * Calls go to a note that does not exist: 404 means the token was accepted, 401 that it was refused.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    private static final String NOTE = "/audit-probe/notes/" + UUID.randomUUID();

    @BeforeEach
    void probeTable() throws SQLException {
        // the audit probe's table (see AuditTrailTest), for its path's patient lookup; DDL is the migration owner's
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                Infrastructure.shared().postgres().jdbcUrl(config.getValue("itpump.db.name", String.class)),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class))) {
            connection.createStatement().execute("create table if not exists audit_probe_note"
                    + " (id uuid primary key, patient_ref text not null, text text not null)");
        }
    }

    @Test
    void aVerifiedTokenIsServedFromTheCache() throws Exception {
        String token = Jwt.upn("cache-reader").groups("ops").sign();
        assertSame(parser.parse(token), parser.parse(token), "the second parse is the cached principal");
    }

    @Test
    void anExpiredTokenIsRefusedEvenThoughItWasCached() throws Exception {
        given().auth().oauth2(Jwt.upn("cache-warm-up").groups("ops").sign()).get(NOTE).then().statusCode(404);
        long now = System.currentTimeMillis() / 1000; // the first call of a test run may take seconds on a busy box
        String token = Jwt.upn("cache-expiring").groups("ops").issuedAt(now).expiresAt(now + 3).sign();
        given().auth().oauth2(token).get(NOTE).then().statusCode(404);
        given().auth().oauth2(token).get(NOTE).then().statusCode(404); // served from the cache
        while (System.currentTimeMillis() / 1000 < now + 6) {
            Thread.sleep(100); // past exp and the test profile's clock skew of 1 s (whole seconds)
        }
        given().auth().oauth2(token).get(NOTE).then().statusCode(401);
    }

    @Test
    void aTamperedTokenIsNeverServedFromTheCache() {
        String token = Jwt.upn("cache-ops").groups("ops").sign();
        given().auth().oauth2(token).get(NOTE).then().statusCode(404); // verified and cached
        String[] parts = token.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        String claims = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replace("cache-ops", "cache-0ps");
        assertNotEquals(claims, forged);
        String tamperedClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(tamperedClaims).get(NOTE).then().statusCode(401);
        char last = parts[2].charAt(parts[2].length() - 2);
        String tamperedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        given().auth().oauth2(tamperedSignature).get(NOTE).then().statusCode(401);
        given().auth().oauth2(token).get(NOTE).then().statusCode(404); // the genuine one still passes
    }
}
