package org.itpump.implant.domain;

import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.itpump.implant.domain.ImplantCaseStatus.*;

class ImplantCaseStatusTest {

    private static final Set<String> ALLOWED = Set.of(
            "AWAITING_SCHEDULING->SCHEDULED", "AWAITING_SCHEDULING->CLOSED",
            "SCHEDULED->SCHEDULED", "SCHEDULED->AWAITING_SCHEDULING", "SCHEDULED->COMPLETED", "SCHEDULED->CLOSED",
            "COMPLETED->EXPLANTED");

    @Test
    void exactlyTheClinicalTransitionsAreAllowed() {
        for (ImplantCaseStatus from : values()) {
            for (ImplantCaseStatus to : values()) {
                if (ALLOWED.contains(from + "->" + to)) {
                    assertEquals(to, from.transitionTo(to));
                } else {
                    assertThrows(StateConflictException.class, () -> from.transitionTo(to), from + " -> " + to);
                }
            }
        }
    }

    @Test
    void surgeryCannotCompleteBeforeItIsScheduled() {
        var refused = assertThrows(StateConflictException.class, () -> AWAITING_SCHEDULING.transitionTo(COMPLETED));
        assertEquals("An implant case that is AWAITING_SCHEDULING cannot become COMPLETED", refused.getMessage());
    }
}
