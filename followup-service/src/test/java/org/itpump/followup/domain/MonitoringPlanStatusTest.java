package org.itpump.followup.domain;

import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import static org.itpump.followup.domain.MonitoringPlanStatus.ACTIVE;
import static org.itpump.followup.domain.MonitoringPlanStatus.CLOSED;
import static org.itpump.followup.domain.MonitoringPlanStatus.COMPLETED;
import static org.itpump.followup.domain.MonitoringPlanStatus.WOUND_FOLLOWUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitoringPlanStatusTest {

    @Test
    void anActivePlanCompletesOrCloses() {
        assertEquals(COMPLETED, ACTIVE.transitionTo(COMPLETED));
        assertEquals(CLOSED, ACTIVE.transitionTo(CLOSED));
    }

    @Test
    void anExplantForInfectionKeepsWoundFollowupUntilItCloses() {
        assertEquals(WOUND_FOLLOWUP, ACTIVE.transitionTo(WOUND_FOLLOWUP));
        assertEquals(CLOSED, WOUND_FOLLOWUP.transitionTo(CLOSED));
        for (MonitoringPlanStatus to : new MonitoringPlanStatus[]{ACTIVE, WOUND_FOLLOWUP, COMPLETED}) {
            assertThrows(StateConflictException.class, () -> WOUND_FOLLOWUP.transitionTo(to), "WOUND_FOLLOWUP -> " + to);
        }
        assertEquals(WOUND_FOLLOWUP, ACTIVE.afterExplant("INFECTION"));
        for (String other : new String[]{"DEVICE_MALFUNCTION", "INEFFECTIVE_THERAPY", "ADVERSE_EFFECTS", "PATIENT_REQUEST", "OTHER"}) {
            assertEquals(CLOSED, ACTIVE.afterExplant(other), other);
        }
        assertThrows(StateConflictException.class, () -> WOUND_FOLLOWUP.afterExplant("INFECTION"));
        assertTrue(ACTIVE.acceptsComplications());
        assertTrue(WOUND_FOLLOWUP.acceptsComplications());
        assertFalse(CLOSED.acceptsComplications());
        assertFalse(COMPLETED.acceptsComplications());
    }

    @Test
    void everyOtherTransitionIsAConflict() {
        assertThrows(StateConflictException.class, () -> ACTIVE.transitionTo(ACTIVE));
        for (MonitoringPlanStatus ended : new MonitoringPlanStatus[]{COMPLETED, CLOSED}) {
            for (MonitoringPlanStatus to : MonitoringPlanStatus.values()) {
                assertThrows(StateConflictException.class, () -> ended.transitionTo(to), ended + " -> " + to);
            }
        }
    }
}
