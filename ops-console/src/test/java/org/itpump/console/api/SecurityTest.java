package org.itpump.console.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.SecurityMatrix;
import org.itpump.testing.SecurityMatrix.Endpoint;
import org.itpump.testing.SecurityMatrixTest;

import java.util.List;

import static org.itpump.chassis.security.Roles.CLINICIAN;
import static org.itpump.chassis.security.Roles.NURSE;
import static org.itpump.chassis.security.Roles.OPS;
import static org.itpump.chassis.security.Roles.PHARMACIST;
import static org.itpump.chassis.security.Roles.SCHEDULER;
import static org.itpump.testing.SecurityMatrix.endpoint;

/**
 * Every page and action (and the chassis' dead-letter endpoints): 401 without a token, 403 for each role it does
 * not allow, through for each it does; all audited. /live (an endless stream) is checked in the browser test.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class SecurityTest extends SecurityMatrixTest {

    private static final String ID = "00000000-0000-0000-0000-000000000001";

    private static final List<Endpoint> ENDPOINTS = List.of(
            endpoint("GET", "/", CLINICIAN, NURSE, PHARMACIST, SCHEDULER, OPS),
            endpoint("GET", "/worklists", CLINICIAN, NURSE, PHARMACIST, SCHEDULER, OPS),
            endpoint("GET", "/pathways", CLINICIAN, NURSE, PHARMACIST, SCHEDULER, OPS),
            endpoint("POST", "/actions/escalations/" + ID + "/acknowledgement", CLINICIAN, NURSE),
            endpoint("POST", "/actions/implant-cases/" + ID + "/booking", SCHEDULER, CLINICIAN)
    );

    @Override
    protected List<Endpoint> endpoints() {
        return SecurityMatrix.withDeadLetters(ENDPOINTS);
    }
}
