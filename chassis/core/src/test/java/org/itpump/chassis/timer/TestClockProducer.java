package org.itpump.chassis.timer;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.itpump.chassis.time.ShiftableClock;

/** The chassis test application's clock: a {@link ShiftableClock} in place of the system clock (the default bean). */
public class TestClockProducer {

    @Produces
    @Singleton
    ShiftableClock clock() {
        return new ShiftableClock();
    }
}
