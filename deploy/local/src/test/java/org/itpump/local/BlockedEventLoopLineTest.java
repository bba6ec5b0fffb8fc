package org.itpump.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which service log lines the benchmark counts as event-loop blocked-thread warnings (issue 17 wants none). */
class BlockedEventLoopLineTest {

    @Test
    void vertxWarningsOfAnEventLoopCountAndOthersDoNot() {
        // the lines as Vert.x 4's BlockedThreadChecker logs them through Quarkus (JDK 21+ thread names carry "#id")
        assertTrue(ServiceProcess.blockedEventLoop("2026-11-30 18:02:11,412 WARN  [io.vertx.core.impl.BlockedThreadChecker]"
                + " (vertx-blocked-thread-checker) Thread Thread[#47,vert.x-eventloop-thread-1,5,main] has been blocked for"
                + " 2823 ms, time limit is 2000 ms"));
        assertTrue(ServiceProcess.blockedEventLoop("WARN  [io.vertx.core.impl.BlockedThreadChecker] Thread"
                + " Thread[vert.x-eventloop-thread-0,5,main] has been blocked for 3120 ms, time limit is 2000 ms"));
        // a worker thread may block (its limit is 60 s): not an event loop
        assertFalse(ServiceProcess.blockedEventLoop("WARN  [io.vertx.core.impl.BlockedThreadChecker] Thread"
                + " Thread[#60,vert.x-worker-thread-3,5,main] has been blocked for 61002 ms, time limit is 60000 ms"));
        assertFalse(ServiceProcess.blockedEventLoop("INFO  [io.quarkus] (vert.x-eventloop-thread-0) implant-service started"));
    }
}
