package org.itpump.chassis.store;

import org.itpump.chassis.problem.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The page request's bounds, the cursor's round trip, and the keyset query text. */
class PagingTest {

    static final class Row {
        UUID id;
    }

    @Test
    void theLimitDefaultsTo50AndIsBoundedTo1Through200() {
        assertEquals(50, PageRequest.of(null, null).limit());
        assertEquals(1, PageRequest.of(1, null).limit());
        assertEquals(200, PageRequest.of(200, null).limit());
        assertEquals("limit", assertThrows(InvalidParameterException.class, () -> PageRequest.of(201, null).limit()).parameter());
        assertEquals("limit", assertThrows(InvalidParameterException.class, () -> PageRequest.of(0, null).limit()).parameter());
        assertEquals("limit", assertThrows(InvalidParameterException.class, () -> PageRequest.of(-5, null).validated()).parameter());
    }

    @Test
    void aCursorNamesTheLastRowAndOnlyOurCursorsAreRead() {
        UUID last = UUID.randomUUID();
        String cursor = PageRequest.cursorAfter(last);
        assertEquals(Optional.of(last), PageRequest.of(null, cursor).after());
        assertEquals(Optional.empty(), PageRequest.of(null, null).after());
        for (String forged : new String[]{"x", "%%%", "YWZ0ZXI6bm90LWEtdXVpZA", last.toString(), ""}) {
            assertEquals("cursor", assertThrows(InvalidParameterException.class,
                    () -> PageRequest.of(null, forged).after(), forged).parameter());
        }
    }

    @Test
    void theKeysetOrdersByItsKeysThenIdAndContinuesAfterTheCursorRow() {
        Keyset<Row> order = Keyset.of(Row.class, (Row r) -> r.id).descending("startedAt");
        assertEquals(" order by r.startedAt desc, r.id asc", order.orderBy("r"));
        // (startedAt before the cursor's) or (same startedAt and a greater id)
        assertEquals("((r.startedAt < (select c.startedAt from Row c where c.id = :cur))"
                + " or (r.startedAt = (select c.startedAt from Row c where c.id = :cur) and r.id > :cur))",
                order.after("r", "cur"));
    }

    @Test
    void anExpressionKeyIsWrittenForBothTheRowAndTheCursorRow() {
        Keyset<Row> order = Keyset.of(Row.class, (Row r) -> r.id).ascending("case {e}.urgency when 'A' then 0 else 1 end")
                .ascending("raisedAt");
        assertEquals(" order by case r.urgency when 'A' then 0 else 1 end asc, r.raisedAt asc, r.id asc", order.orderBy("r"));
        String after = order.after("r", "cur");
        assertEquals(3, after.split(" or ").length, after);
        assertEquals(true, after.contains("(select case c.urgency when 'A' then 0 else 1 end from Row c where c.id = :cur)"), after);
    }
}
