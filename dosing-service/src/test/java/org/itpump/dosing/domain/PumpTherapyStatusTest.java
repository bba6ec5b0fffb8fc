package org.itpump.dosing.domain;

import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PumpTherapyStatusTest {

    @Test
    void onlyActiveTherapyEnds() {
        assertEquals(PumpTherapyStatus.ENDED, PumpTherapyStatus.ACTIVE.transitionTo(PumpTherapyStatus.ENDED));
        assertThrows(StateConflictException.class, () -> PumpTherapyStatus.ACTIVE.transitionTo(PumpTherapyStatus.ACTIVE));
        assertThrows(StateConflictException.class, () -> PumpTherapyStatus.ENDED.transitionTo(PumpTherapyStatus.ENDED));
        assertThrows(StateConflictException.class, () -> PumpTherapyStatus.ENDED.transitionTo(PumpTherapyStatus.ACTIVE));
    }
}
