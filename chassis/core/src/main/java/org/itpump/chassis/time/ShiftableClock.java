package org.itpump.chassis.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests: it follows real time, shifted by what a test advanced it, so back-offs and due dates pass
 * without waiting. Not a bean here (production uses {@link ClockProducer}'s clock): the chassis' own test application
 * produces one, and chassis-testing's {@code TestClock} is this clock as the services' tests' bean. It lives in
 * chassis-core because both need it and chassis-testing depends on chassis-core, not the other way round.
 */
public class ShiftableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock forward (or back, with a negative duration) from where it is. */
    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    /** Back to real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }
}
