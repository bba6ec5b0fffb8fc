package org.itpump.implant.domain;

import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Issue 13: a replacement pump opens a new case only for a case whose pump was implanted, one live replacement at a time. */
class PumpReplacementTest {

    private static final UUID CASE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID REPLACEMENT = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @ParameterizedTest
    @EnumSource(value = ImplantCaseStatus.class, names = {"COMPLETED", "EXPLANTED"})
    void aCaseWhosePumpWasImplantedCanBeReplaced(ImplantCaseStatus status) {
        assertDoesNotThrow(() -> PumpReplacement.requireReplaceable(CASE, status, null, null));
    }

    @ParameterizedTest
    @EnumSource(value = ImplantCaseStatus.class, names = {"AWAITING_SCHEDULING", "SCHEDULED", "CLOSED"})
    void aCaseNeverImplantedCannotBeReplaced(ImplantCaseStatus status) {
        var refused = assertThrows(StateConflictException.class,
                () -> PumpReplacement.requireReplaceable(CASE, status, null, null));
        assertEquals("Implant case " + CASE + " is " + status
                + ": only a case whose pump was implanted (COMPLETED or EXPLANTED) can be replaced", refused.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = ImplantCaseStatus.class, names = {"AWAITING_SCHEDULING", "SCHEDULED"})
    void aSecondReplacementWhileOneIsOpenIsRefused(ImplantCaseStatus open) {
        var refused = assertThrows(StateConflictException.class,
                () -> PumpReplacement.requireReplaceable(CASE, ImplantCaseStatus.COMPLETED, REPLACEMENT, open));
        assertEquals("Implant case " + CASE + " already has replacement case " + REPLACEMENT + " (" + open + ")",
                refused.getMessage());
    }

    @Test
    void aCompletedReplacementIsThePumpNowInAndIsTheOneToReplaceNext() {
        var refused = assertThrows(StateConflictException.class, () -> PumpReplacement.requireReplaceable(CASE,
                ImplantCaseStatus.EXPLANTED, REPLACEMENT, ImplantCaseStatus.COMPLETED));
        assertTrue(refused.getMessage().endsWith("(COMPLETED); replace that case instead"), refused.getMessage());
    }

    @Test
    void completingAReplacementRemovesAPumpStillInButNotOneAlreadyOut() {
        assertTrue(PumpReplacement.removesReplacedPump(ImplantCaseStatus.COMPLETED));
        assertFalse(PumpReplacement.removesReplacedPump(ImplantCaseStatus.EXPLANTED));
    }

    @Test
    void theBatteryIsAnExplantReasonNextToTheOldOnes() {
        // the values of before issue 13 keep their names (stored rows and published events use them)
        for (String old : new String[]{"INFECTION", "DEVICE_MALFUNCTION", "INEFFECTIVE_THERAPY", "ADVERSE_EFFECTS",
                "PATIENT_REQUEST", "OTHER"}) {
            assertNotNull(ExplantReason.valueOf(old));
        }
        assertEquals(ExplantReason.BATTERY_END_OF_LIFE, ExplantReason.valueOf("BATTERY_END_OF_LIFE"));
    }
}
