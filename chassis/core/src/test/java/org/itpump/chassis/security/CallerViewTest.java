package org.itpump.chassis.security;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallerViewTest {

    private static CallerView viewOf(String... roles) {
        return CallerView.of(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("someone"))
                .addRoles(Set.of(roles)).build());
    }

    @Test
    void eachRoleHasItsViewAndSeveralRolesGetTheWidest() {
        assertEquals(CallerView.OPERATIONAL, viewOf(Roles.OPS));
        assertEquals(CallerView.SCHEDULING, viewOf(Roles.SCHEDULER));
        assertEquals(CallerView.PUBLISHED, viewOf(Roles.INTEGRATION));
        assertEquals(CallerView.CLINICAL, viewOf(Roles.CLINICIAN));
        assertEquals(CallerView.CLINICAL, viewOf(Roles.NURSE));
        assertEquals(CallerView.CLINICAL, viewOf(Roles.PHARMACIST));
        assertEquals(CallerView.SCHEDULING, viewOf(Roles.OPS, Roles.SCHEDULER));
        assertEquals(CallerView.PUBLISHED, viewOf(Roles.OPS, Roles.SCHEDULER, Roles.INTEGRATION));
        assertEquals(CallerView.CLINICAL, viewOf(Roles.INTEGRATION, Roles.NURSE));
        assertEquals(CallerView.OPERATIONAL, viewOf(), "no known role: the narrowest");
    }

    record Cancellation(String reason, String note, int minutes) {
    }

    @Test
    void withReplacesOneComponentAndCopiesTheRest() {
        Cancellation full = new Cancellation("PATIENT_WITHDREW", "moving abroad", 5);
        assertEquals(new Cancellation("PATIENT_WITHDREW", null, 5), CallerView.with(full, "note", null));
        assertEquals(new Cancellation("PATIENT_WITHDREW", "moving abroad", 5), full, "the original is untouched");
        assertThrows(IllegalArgumentException.class, () -> CallerView.with(full, "comment", null));
        assertSame(Cancellation.class, CallerView.with(full, "minutes", 7).getClass());
    }
}
