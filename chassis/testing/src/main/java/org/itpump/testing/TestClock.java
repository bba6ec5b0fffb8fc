package org.itpump.testing;

import jakarta.inject.Singleton;
import org.itpump.chassis.time.ShiftableClock;

/**
 * Replaces the system clock in service tests: it follows real time, shifted by what a test advanced it. The clock
 * itself is chassis-core's {@link ShiftableClock}, which the chassis' own tests use too; this makes it the bean.
 */
@Singleton
public class TestClock extends ShiftableClock {
}
