package org.itpump.chassis.time;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A time written as text for a contract is an RFC 3339 date-time whatever its value (seconds never left out). */
class TimesTest {

    @Test
    void aWholeMinuteKeepsItsSecondsAndFractionsAreKept() {
        OffsetDateTime wholeMinute = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        assertEquals("2026-12-01T12:00Z", wholeMinute.toString(), "the JDK's own text, which breaks RFC 3339");
        assertEquals("2026-12-01T12:00:00Z", Times.format(wholeMinute));
        assertEquals("2026-12-01T12:00:07Z", Times.format(wholeMinute.withSecond(7)));
        assertEquals("2026-12-01T12:00:00.000001Z", Times.format(wholeMinute.withNano(1_000)));
        assertEquals("2026-12-01T13:00:00+01:00", Times.format(wholeMinute.withOffsetSameInstant(ZoneOffset.ofHours(1))));
    }
}
