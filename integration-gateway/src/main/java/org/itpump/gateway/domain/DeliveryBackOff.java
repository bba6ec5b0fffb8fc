package org.itpump.gateway.domain;

import java.time.Duration;

/**
 * How long a failed HL7 delivery waits before its next try: the first wait after one failure, doubling with each
 * further failure, never more than the maximum (1 s, 2 s, 4 s, ... up to 5 min by default).
 */
public record DeliveryBackOff(Duration first, Duration max) {

    /** @param failures failures so far, at least 1 */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
