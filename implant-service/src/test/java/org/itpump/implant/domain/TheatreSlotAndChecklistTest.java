package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TheatreSlotAndChecklistTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void aBookingIsInTheFutureAndLastsThirtyMinutesToEightHours() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        assertEquals(tomorrow.plus(Duration.ofMinutes(30)), TheatreSlot.book(tomorrow, 30, NOW).end());
        assertDoesNotThrow(() -> TheatreSlot.book(tomorrow, 480, NOW));
        assertThrows(RuleViolationException.class, () -> TheatreSlot.book(tomorrow, 29, NOW));
        assertThrows(RuleViolationException.class, () -> TheatreSlot.book(tomorrow, 481, NOW));
        assertThrows(RuleViolationException.class, () -> TheatreSlot.book(NOW, 120, NOW));
        assertDoesNotThrow(() -> TheatreSlot.book(NOW.plusSeconds(1), 120, NOW));
    }

    @Test
    void surgeryWaitsForEveryPreOpItem() {
        for (PreOpItem absent : PreOpItem.values()) {
            var refused = assertThrows(RuleViolationException.class,
                    () -> new PreOpChecklist(EnumSet.complementOf(EnumSet.of(absent))).requireComplete());
            assertEquals(List.of("missing: " + absent), refused.details());
        }
        assertDoesNotThrow(() -> new PreOpChecklist(EnumSet.allOf(PreOpItem.class)).requireComplete());
    }
}
