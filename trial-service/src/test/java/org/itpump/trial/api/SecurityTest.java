package org.itpump.trial.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.itpump.testing.PathwayTestResource;
import io.restassured.http.ContentType;
import org.itpump.testing.SecurityMatrix;
import org.itpump.testing.SecurityMatrix.Endpoint;
import org.itpump.testing.SecurityMatrixTest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.itpump.chassis.security.Roles.*;
import static io.restassured.RestAssured.given;
import static org.itpump.testing.SecurityMatrix.endpoint;

/** Every endpoint: 401 without a token, 403 for each role it does not allow, through for each it does; all audited. */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class SecurityTest extends SecurityMatrixTest {

    private static final String ID = "00000000-0000-0000-0000-000000000001";

    private static final List<Endpoint> ENDPOINTS = List.of(
            endpoint("POST", "/candidates", CLINICIAN, NURSE),
            endpoint("PUT", "/candidates/" + ID + "/eligibility", CLINICIAN, NURSE),
            endpoint("GET", "/candidates/" + ID, CLINICIAN, NURSE, INTEGRATION),
            endpoint("POST", "/trials", CLINICIAN),
            endpoint("POST", "/trials/" + ID + "/assessments", CLINICIAN, NURSE),
            endpoint("POST", "/trials/" + ID + "/decision", CLINICIAN),
            endpoint("POST", "/trials/" + ID + "/cancellation", CLINICIAN),
            endpoint("GET", "/trials/" + ID, CLINICIAN, NURSE, OPS, INTEGRATION),
            endpoint("GET", "/trials", CLINICIAN, NURSE, OPS, INTEGRATION)
    );

    @Override
    protected List<Endpoint> endpoints() {
        return ENDPOINTS;
    }

    /** trial-service consumes no topic: the chassis' dead-letter endpoints are left out (itpump.dead-letters.enabled). */
    @Test
    void noDeadLetterEndpointsWithoutADeadLetterTopic() {
        for (Endpoint endpoint : SecurityMatrix.DEAD_LETTER_ENDPOINTS) {
            given().auth().oauth2(SecurityMatrix.token(OPS)).contentType(ContentType.JSON).body("{}")
                    .when().request(endpoint.method(), endpoint.path()).then().statusCode(404);
        }
    }
}
