package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.implant.domain.ImplantProcedure.Anesthesia;
import org.itpump.implant.domain.ImplantProcedure.PocketSide;
import org.itpump.implant.domain.ImplantProcedure.PumpDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImplantProcedureTest {

    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
    private static final Instant END = Instant.parse("2026-11-26T10:30:00Z");
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static PumpDevice device(String reservoirMl) {
        return new PumpDevice("Medtronic", "SynchroMed II", "NGP123456H", new BigDecimal(reservoirMl));
    }

    private static ImplantProcedure record(String entry, String tip, String reservoirMl, Instant start, Instant end) {
        return ImplantProcedure.record(entry, tip, PocketSide.RIGHT, device(reservoirMl), Anesthesia.SEDATION, start, end, NOW);
    }

    @Test
    void aTypicalTwoPartImplantIsRecorded() {
        ImplantProcedure procedure = record("L2-L3", "T10", "20", START, END);
        assertEquals("L2-L3", procedure.catheterEntryLevel().label());
        assertEquals("T10", procedure.catheterTipLevel().label());
    }

    @Test
    void theCatheterTipLiesAtOrAboveItsEntry() {
        assertDoesNotThrow(() -> record("L3", "L3", "20", START, END));
        assertDoesNotThrow(() -> record("L2-L3", "L2", "20", START, END));
        var refused = assertThrows(RuleViolationException.class, () -> record("L2-L3", "L4", "20", START, END));
        assertTrue(refused.getMessage().contains("at or above its entry"));
        assertThrows(RuleViolationException.class, () -> record("L2-L3", "L3", "20", START, END));
    }

    @ParameterizedTest
    @ValueSource(strings = {"T13", "L6", "X1", "L3-L5", "", "C0", "T10-", "L2-L3-", "-L2", "L02"})
    void onlyRealSpinalLevelsAreAccepted(String level) {
        assertThrows(RuleViolationException.class, () -> SpinalLevel.parse(level));
    }

    @Test
    void spinalLevelsAreOrderedFromHeadToTail() {
        List<String> cranialToCaudal = List.of("C1", "C7", "T1", "T12", "T12-L1", "L1", "L5", "S1");
        for (int i = 1; i < cranialToCaudal.size(); i++) {
            assertTrue(SpinalLevel.parse(cranialToCaudal.get(i - 1)).compareTo(SpinalLevel.parse(cranialToCaudal.get(i))) < 0,
                    cranialToCaudal.get(i - 1) + " above " + cranialToCaudal.get(i));
        }
    }

    @Test
    void theReservoirIsThatOfARealPump() {
        for (String volume : Set.of("20", "40", "0.5")) {
            assertDoesNotThrow(() -> record("L2-L3", "T10", volume, START, END));
        }
        assertThrows(RuleViolationException.class, () -> record("L2-L3", "T10", "40.1", START, END));
        assertThrows(RuleViolationException.class, () -> record("L2-L3", "T10", "0", START, END));
    }

    @Test
    void theProcedureEndsAfterItStartsWithinTwelveHoursAndNotInTheFuture() {
        assertThrows(RuleViolationException.class, () -> record("L2-L3", "T10", "20", END, START));
        assertThrows(RuleViolationException.class, () -> record("L2-L3", "T10", "20", START, START));
        assertThrows(RuleViolationException.class,
                () -> record("L2-L3", "T10", "20", START.minusSeconds(13 * 3600), END));
        assertThrows(RuleViolationException.class, () -> record("L2-L3", "T10", "20", START, NOW.plusSeconds(1)));
    }
}
