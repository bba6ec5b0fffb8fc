package org.itpump.chassis.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Every service reads time from an injected {@link Clock}, so tests can replace it and move time. In-JVM tests
 * replace the bean (chassis-testing's TestClock); a packaged service under an end-to-end test is started with
 * {@code itpump.test.clock-offset} (an ISO-8601 duration, e.g. PT-3M or P16D): its clock then runs that far from
 * real time, and the end-to-end test moves it by restarting the service with another offset. For tests only: a
 * service started with an offset says so at WARN.
 */
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = "itpump.test.clock-offset") Optional<Duration> testOffset) {
        Duration offset = testOffset.orElse(Duration.ZERO);
        if (offset.isZero()) {
            return Clock.systemUTC();
        }
        LOG.warnf("The clock runs %s from real time (itpump.test.clock-offset): for tests only", offset);
        return Clock.offset(Clock.systemUTC(), offset);
    }
}
