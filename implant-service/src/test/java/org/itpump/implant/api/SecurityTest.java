package org.itpump.implant.api;

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
            endpoint("GET", "/implant-cases", CLINICIAN, NURSE, SCHEDULER, OPS, INTEGRATION),
            endpoint("GET", "/implant-cases/" + ID, CLINICIAN, NURSE, SCHEDULER, OPS, INTEGRATION),
            endpoint("GET", "/implant-cases/" + ID + "/history", CLINICIAN, NURSE, SCHEDULER, OPS),
            endpoint("PUT", "/implant-cases/" + ID + "/pre-op-checklist", CLINICIAN, NURSE),
            endpoint("POST", "/implant-cases/" + ID + "/booking", SCHEDULER),
            endpoint("PUT", "/implant-cases/" + ID + "/booking", SCHEDULER),
            endpoint("POST", "/implant-cases/" + ID + "/booking/cancellation", SCHEDULER),
            endpoint("POST", "/implant-cases/" + ID + "/completion", CLINICIAN),
            endpoint("POST", "/implant-cases/" + ID + "/explant", CLINICIAN),
            endpoint("POST", "/implant-cases/" + ID + "/replacement", CLINICIAN),
            endpoint("POST", "/operating-rooms", SCHEDULER, OPS),
            endpoint("GET", "/operating-rooms", SCHEDULER, CLINICIAN, NURSE, OPS),
            endpoint("POST", "/surgeons", SCHEDULER, OPS),
            endpoint("GET", "/surgeons", SCHEDULER, CLINICIAN, NURSE, OPS),
            endpoint("GET", "/theatre-list", SCHEDULER, CLINICIAN, NURSE, OPS)
    );

    @Override
    protected List<Endpoint> endpoints() {
        return SecurityMatrix.withDeadLetters(ENDPOINTS);
    }
}
