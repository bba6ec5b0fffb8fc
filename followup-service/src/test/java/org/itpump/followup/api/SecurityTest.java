package org.itpump.followup.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.SecurityMatrix;
import org.itpump.testing.SecurityMatrix.Endpoint;
import org.itpump.testing.SecurityMatrixTest;

import java.util.List;

import static org.itpump.chassis.security.Roles.*;
import static org.itpump.testing.SecurityMatrix.endpoint;

/** Every endpoint, the chassis' dead-letter ones too: 401 without a token, 403 for each role it does not allow, through for each it does; all audited. */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class SecurityTest extends SecurityMatrixTest {

    private static final String ID = "00000000-0000-0000-0000-000000000001";

    private static final List<Endpoint> ENDPOINTS = List.of(
            endpoint("GET", "/monitoring-plans", CLINICIAN, NURSE, OPS, INTEGRATION),
            endpoint("GET", "/monitoring-plans/due", CLINICIAN, NURSE, OPS),
            endpoint("GET", "/monitoring-plans/" + ID, CLINICIAN, NURSE, OPS, INTEGRATION),
            endpoint("PUT", "/monitoring-plans/" + ID + "/choices", CLINICIAN),
            endpoint("POST", "/monitoring-plans/" + ID + "/discharge", CLINICIAN, NURSE),
            endpoint("POST", "/monitoring-plans/" + ID + "/complications", CLINICIAN, NURSE),
            endpoint("POST", "/monitoring-plans/" + ID + "/outcomes", CLINICIAN, NURSE),
            endpoint("GET", "/escalations", CLINICIAN, NURSE, OPS),
            endpoint("GET", "/escalations/" + ID, CLINICIAN, NURSE, OPS),
            endpoint("POST", "/escalations/" + ID + "/acknowledgement", CLINICIAN, NURSE)
    );

    @Override
    protected List<Endpoint> endpoints() {
        return SecurityMatrix.withDeadLetters(ENDPOINTS);
    }
}
