package org.itpump.console.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeScaleTest {

    @Test
    void mapsLinearlyAndClampsOutside() {
        TimeScale day = new TimeScale(Instant.parse("2030-01-15T00:00:00Z"), Instant.parse("2030-01-16T00:00:00Z"), 170, 760);
        // 06:00 is a quarter of the day: 170 + 760 / 4 = 360
        assertEquals(360.0, day.x(Instant.parse("2030-01-15T06:00:00Z")));
        assertEquals(170.0, day.x(Instant.parse("2030-01-14T23:00:00Z")));
        assertEquals(930.0, day.x(Instant.parse("2030-01-17T00:00:00Z")));
    }

    @Test
    void aSingleInstantStillDraws() {
        Instant at = Instant.parse("2030-01-15T06:00:00Z");
        assertEquals(170.0, new TimeScale(at, at, 170, 760).x(at));
    }
}
