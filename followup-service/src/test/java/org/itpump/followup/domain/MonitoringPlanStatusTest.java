package org.itpump.followup.domain;

import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import static org.itpump.followup.domain.MonitoringPlanStatus.ACTIVE;
import static org.itpump.followup.domain.MonitoringPlanStatus.CLOSED;
import static org.itpump.followup.domain.MonitoringPlanStatus.COMPLETED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MonitoringPlanStatusTest {

    @Test
    void anActivePlanCompletesOrCloses() {
        assertEquals(COMPLETED, ACTIVE.transitionTo(COMPLETED));
        assertEquals(CLOSED, ACTIVE.transitionTo(CLOSED));
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
