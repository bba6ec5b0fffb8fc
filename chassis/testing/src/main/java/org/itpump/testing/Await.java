package org.itpump.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until an eventually consistent view shows what a test expects. */
public final class Await {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Await() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> done, String what) {
        return until(probe, done, PATIENCE, what);
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> done, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + timeout + " for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
