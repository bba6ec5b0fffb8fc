package org.itpump.console.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefillDueTest {

    private static RefillDue refill(String urgency, boolean critical, boolean overdue, String due) {
        return new RefillDue(UUID.randomUUID(), UUID.randomUUID(), "P", "drug", LocalDate.parse(due), urgency, critical, overdue);
    }

    @Test
    void urgencyFirstThenWithdrawalCriticalThenOverdueThenEarliest() {
        RefillDue routineEarly = refill("ROUTINE", true, true, "2030-01-01");
        RefillDue highLate = refill("HIGH", false, false, "2030-01-09");
        RefillDue highEarly = refill("HIGH", false, false, "2030-01-03");
        RefillDue highOverdue = refill("HIGH", false, true, "2030-01-08");
        RefillDue highBaclofen = refill("HIGH", true, false, "2030-01-10");
        RefillDue urgent = refill("URGENT", false, false, "2030-02-01");
        List<RefillDue> sorted = List.of(routineEarly, highLate, highEarly, highOverdue, highBaclofen, urgent).stream()
                .sorted(RefillDue.WORKLIST_ORDER).toList();
        assertEquals(List.of(urgent, highBaclofen, highOverdue, highEarly, highLate, routineEarly), sorted);
    }
}
