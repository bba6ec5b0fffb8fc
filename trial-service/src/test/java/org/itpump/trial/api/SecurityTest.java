package org.itpump.trial.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.SecurityMatrix;
import org.itpump.testing.SecurityMatrix.Endpoint;
import org.itpump.testing.SecurityMatrixTest;

import java.util.List;

import static org.itpump.chassis.security.Roles.*;
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
            endpoint("POST", "/trials/" + ID + "/dose-override", CLINICIAN),
            endpoint("GET", "/trials/" + ID, CLINICIAN, NURSE, OPS, INTEGRATION),
            endpoint("GET", "/trials", CLINICIAN, NURSE, OPS, INTEGRATION)
    );

    @Override
    protected List<Endpoint> endpoints() {
        // trial-service consumes itpump.dosing.events: the chassis' dead-letter endpoints serve its dead-letter topic
        return SecurityMatrix.withDeadLetters(ENDPOINTS);
    }
}
