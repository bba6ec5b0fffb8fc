package org.itpump.dosing.api;

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
            endpoint("GET", "/drug-library", PHARMACIST, CLINICIAN, NURSE, OPS, INTEGRATION),
            endpoint("GET", "/drug-library/versions", PHARMACIST, CLINICIAN, NURSE, OPS, INTEGRATION),
            endpoint("GET", "/drug-library/versions/1", PHARMACIST, CLINICIAN, NURSE, OPS, INTEGRATION),
            endpoint("PUT", "/drug-library", PHARMACIST),
            endpoint("GET", "/pump-therapies", CLINICIAN, NURSE, PHARMACIST, OPS, INTEGRATION),
            endpoint("GET", "/pump-therapies/" + ID, CLINICIAN, NURSE, PHARMACIST, OPS, INTEGRATION),
            endpoint("POST", "/pump-therapies/" + ID + "/programs", CLINICIAN),
            endpoint("GET", "/pump-therapies/" + ID + "/programs", CLINICIAN, NURSE, PHARMACIST, INTEGRATION),
            endpoint("POST", "/pump-therapies/" + ID + "/refills", CLINICIAN, NURSE),
            endpoint("GET", "/pump-therapies/" + ID + "/refills", CLINICIAN, NURSE, PHARMACIST, INTEGRATION),
            endpoint("GET", "/pump-therapies/" + ID + "/refill-plans", CLINICIAN, NURSE, PHARMACIST, INTEGRATION)
    );

    @Override
    protected List<Endpoint> endpoints() {
        return SecurityMatrix.withDeadLetters(ENDPOINTS);
    }
}
