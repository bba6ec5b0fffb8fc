package org.itpump.gateway.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.itpump.gateway.GatewayTestResource;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.SecurityMatrix;
import org.itpump.testing.SecurityMatrix.Endpoint;
import org.itpump.testing.SecurityMatrixTest;

import java.util.List;

import static org.itpump.chassis.security.Roles.CLINICIAN;
import static org.itpump.chassis.security.Roles.INTEGRATION;
import static org.itpump.testing.SecurityMatrix.endpoint;

/**
 * Every endpoint but /fhir/r4/metadata (open, as FHIR servers publish their capabilities), the chassis' dead-letter
 * ones too: 401 without a token, 403 for each role it does not allow, through for integration and clinician.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
@WithTestResource(GatewayTestResource.class)
class SecurityTest extends SecurityMatrixTest {

    private static final List<Endpoint> ENDPOINTS = List.of(
            endpoint("GET", "/fhir/r4/Appointment/00000000-0000-0000-0000-000000000001", INTEGRATION, CLINICIAN),
            endpoint("GET", "/fhir/r4/Procedure", INTEGRATION, CLINICIAN),
            endpoint("GET", "/fhir/r4/Device", INTEGRATION, CLINICIAN));

    @Override
    protected List<Endpoint> endpoints() {
        return SecurityMatrix.withDeadLetters(ENDPOINTS);
    }
}
