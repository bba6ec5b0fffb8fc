package org.itpump.chassis.timer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.chassis.time.ShiftableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A timer fires once when its due instant has passed, not before, not again; a moved timer fires at its new instant;
 * a cancelled one never fires. Scheduled polls are out of the way (itpump.timers.poll-interval=1h in this
 * application), so each poll is the test's own call, and the clock moves instead of the test waiting.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class DueTimersFiringTest {

    private static final String KIND = "chassis-test.refill-due";

    @Inject
    DueTimers timers;
    @Inject
    TestTimerHandler handler;
    @Inject
    ShiftableClock clock;

    @BeforeEach
    void noCatchUpPollDuringTheTest() throws Throwable {
        timers.catchUpAfterStart();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aTimerFiresOnceWhenItsDueInstantHasPassed() throws Throwable {
        UUID pump = UUID.randomUUID();
        UUID timer = schedule(pump, "refill", Duration.ofMinutes(10));

        timers.poll();
        assertNull(handler.firings.get(timer), "not due yet");
        clock.advance(Duration.ofMinutes(9));
        timers.poll();
        assertNull(handler.firings.get(timer), "one minute to go");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        timers.poll();
        assertEquals(1, handler.firings.get(timer), "due: fired");
        clock.advance(Duration.ofDays(1));
        timers.poll();
        assertEquals(1, handler.firings.get(timer), "fired once, however often polled");
    }

    @Test
    void aMovedTimerFiresAtItsNewInstantAndACancelledOneNever() throws Throwable {
        UUID pump = UUID.randomUUID();
        UUID moved = schedule(pump, "refill", Duration.ofMinutes(10));
        assertEquals(moved, schedule(pump, "refill", Duration.ofMinutes(30)), "the same timer, moved");
        UUID cancelled = schedule(pump, "visit", Duration.ofMinutes(5));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> timers.cancel(pump, "visit")));

        clock.advance(Duration.ofMinutes(11));
        timers.poll();
        assertNull(handler.firings.get(moved), "moved to 30 min: not due at 11 min");
        assertNull(handler.firings.get(cancelled), "cancelled");
        clock.advance(Duration.ofMinutes(20));
        timers.poll();
        assertEquals(1, handler.firings.get(moved), "due at 30 min: fired at 31");
        assertNull(handler.firings.get(cancelled), "cancelled: never fires");
    }

    private UUID schedule(UUID subject, String key, Duration in) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                timers.schedule(KIND, subject, key, clock.instant().plus(in)))).id;
    }
}
