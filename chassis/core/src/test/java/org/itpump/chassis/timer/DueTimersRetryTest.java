package org.itpump.chassis.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.chassis.time.ShiftableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A timer whose firing fails is retried on its own back-off, counted, alerted after N failures and never blocks
 * other timers (issue 12 section 4: a refill timer of a removed drug threw at every poll, and the poll's 100 oldest
 * due timers were then all stuck ones). This application's settings (src/test/resources/application.properties):
 * back-off 30 s doubling up to 120 s, alert after 3 failures, scheduled polls out of the way (1 h), so each poll
 * here is the test's own call.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class DueTimersRetryTest {

    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    DueTimers timers;
    @Inject
    TestTimerHandler handler;
    @Inject
    ShiftableClock clock;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry meters;

    @BeforeEach
    void noCatchUpPollDuringTheTest() throws Throwable {
        timers.catchUpAfterStart(); // the one catch-up poll after start happens now, not in the middle of a test
    }

    @AfterEach
    void cancelTheTestsTimers() {
        pool.query("update due_timer set cancelled_at = now() where fired_at is null and cancelled_at is null")
                .execute().await().atMost(DB);
        clock.reset();
    }

    @Test
    void aHundredAndOneFailingTimersDoNotStarveAGoodOne() throws Throwable {
        Instant now = clock.instant();
        List<UUID> failing = new ArrayList<>();
        for (int i = 0; i < 101; i++) { // due 2 h ago, one second apart: the 101 oldest due timers
            failing.add(insert(TestTimerHandler.FAILING, now.minus(Duration.ofHours(2)).plusSeconds(i)));
        }
        UUID good = insert("chassis-test.good", now.minus(Duration.ofHours(1)));
        double failuresBefore = failureCount();

        timers.poll(); // takes the 100 oldest: all failing
        assertFalse(handler.fired.contains(good), "the first poll takes the 100 oldest due timers, all failing ones");
        assertEquals(100, failing.stream().filter(id -> failures(id) == 1).count());

        timers.poll(); // the 100 are in back-off: the 101st failing one and the good one are taken
        assertTrue(handler.fired.contains(good), "the good timer fires at the next poll");
        assertNotNull(row(good).getOffsetDateTime("fired_at"));
        assertEquals(101, failing.stream().filter(id -> failures(id) == 1).count(), "each failing timer tried once");
        assertEquals(101.0, failureCount() - failuresBefore, "itpump_timers_failures_total counts each failure");
        assertTrue(meters.get("itpump.timers.failing").gauge().value() >= 101, "the gauge counts the failing timers");
        assertEquals(List.of(), failing.stream().filter(handler.alerts::contains).toList(), "one failure raises no alert");
    }

    @Test
    void aFailingTimerBacksOffDoublingUpToItsMaximumAndRaisesItsAlertOnceAtTheThirdFailure() throws Throwable {
        UUID timer = insert(TestTimerHandler.FAILING, clock.instant().minusSeconds(60));

        assertNextAttempt(timer, 1, Duration.ofSeconds(30));           // failure 1: 30 s
        timers.poll();
        assertEquals(1, failures(timer), "not tried again during its back-off");
        clock.advance(Duration.ofSeconds(30));
        assertNextAttempt(timer, 2, Duration.ofSeconds(60));           // failure 2: 30 x 2 = 60 s
        clock.advance(Duration.ofSeconds(30));
        timers.poll();
        assertEquals(2, failures(timer), "60 s back-off: not tried after 30 s");
        assertEquals(List.of(), handler.alerts.stream().filter(timer::equals).toList(), "no alert before the third failure");
        clock.advance(Duration.ofSeconds(30));
        assertNextAttempt(timer, 3, Duration.ofSeconds(120));          // failure 3: 30 x 4 = 120 s, the maximum
        assertEquals(List.of(timer), handler.alerts.stream().filter(timer::equals).toList(), "alerted at the third failure");
        assertNotNull(row(timer).getOffsetDateTime("alerted_at"));
        clock.advance(Duration.ofSeconds(120));
        assertNextAttempt(timer, 4, Duration.ofSeconds(120));          // failure 4: 30 x 8 = 240 s, capped at 120 s
        assertEquals(1, handler.alerts.stream().filter(timer::equals).count(), "the alert is raised once");
        assertTrue(row(timer).getString("last_failure").contains("drug 'baclofen' is not in the library"));

        // rescheduled (as a handler or use case does): its failures are cleared and it is tried at once
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> DueTimer.<DueTimer>findById(timer)
                .chain(found -> timers.schedule(found.kind, found.subjectId, found.key, clock.instant().minusSeconds(1)))));
        Row rescheduled = row(timer);
        assertEquals(0, rescheduled.getInteger("failures"));
        assertNull(rescheduled.getOffsetDateTime("next_attempt_at"));
        assertNull(rescheduled.getOffsetDateTime("alerted_at"));
        assertNextAttempt(timer, 1, Duration.ofSeconds(30));
    }

    /** Polls once and checks the timer's failure count and that its next attempt is the back-off after the poll. */
    private void assertNextAttempt(UUID timer, int failures, Duration backoff) throws Throwable {
        Instant before = clock.instant();
        timers.poll();
        Instant after = clock.instant();
        Row row = row(timer);
        assertEquals(failures, row.getInteger("failures"));
        Instant next = row.getOffsetDateTime("next_attempt_at").toInstant();
        assertFalse(next.isBefore(before.plus(backoff).minusMillis(1)), next + " >= " + before + " + " + backoff);
        assertFalse(next.isAfter(after.plus(backoff)), next + " <= " + after + " + " + backoff);
    }

    private UUID insert(String kind, Instant dueAt) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into due_timer (id, kind, subject_id, timer_key, due_at) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(id, kind, UUID.randomUUID(), "test", OffsetDateTime.ofInstant(dueAt, ZoneOffset.UTC)))
                .await().atMost(DB);
        return id;
    }

    private Row row(UUID id) {
        return pool.preparedQuery("select * from due_timer where id = $1").execute(Tuple.of(id)).await().atMost(DB)
                .iterator().next();
    }

    private int failures(UUID id) {
        return row(id).getInteger("failures");
    }

    private double failureCount() {
        var counter = meters.find("itpump.timers.failures").tag("kind", TestTimerHandler.FAILING).counter();
        return counter == null ? 0 : counter.count();
    }
}
