package org.itpump.testing;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.itpump.testing.SecurityMatrix.Endpoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * The security checks every service runs: each endpoint refuses a missing or malformed token (401) and each
 * role it does not allow (403), lets each allowed role through, and audits every one of those calls. A
 * service's test extends it with {@code @QuarkusTest}, its test resource and its list of endpoints.
 */
public abstract class SecurityMatrixTest {

    @Inject
    Pool pool;

    /** Every endpoint of the service, with the roles it allows. */
    protected abstract List<Endpoint> endpoints();

    @Test
    void everyEndpointNeedsATokenAndTheRightRoleAndEveryCallIsAudited() {
        SecurityMatrix.verify(endpoints());
        SecurityMatrix.assertAudited(pool, endpoints());
    }

    @Test
    void tokensForAnotherServiceTooOldOrFromAnotherIssuerAreRefused() {
        SecurityMatrix.verifyTokenDefaults(endpoints());
    }

    @Test
    void probesStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
