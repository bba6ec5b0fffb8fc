package org.itpump.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.itpump.testing.MllpEngine;

import java.util.Map;

/**
 * Points the gateway at the test engine ({@link #ENGINE}, a real HAPI MLLP receiver) and makes its retries quick:
 * back-off 200 ms doubling to 1 s, parked after 3 refusals, 3 s for an ACK.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    /** The engine every gateway test delivers to, on a port fixed for the test run; tests start and stop it. */
    public static final MllpEngine ENGINE = new MllpEngine(MllpEngine.freePort());

    @Override
    public Map<String, String> start() {
        return Map.of(
                "itpump.gateway.delivery.mllp.engine.host", "127.0.0.1",
                "itpump.gateway.delivery.mllp.engine.port", Integer.toString(ENGINE.port()),
                "itpump.gateway.delivery.poll", "200ms",
                "itpump.gateway.delivery.first-back-off", "200ms",
                "itpump.gateway.delivery.max-back-off", "1s",
                "itpump.gateway.delivery.max-rejections", "3",
                "itpump.gateway.delivery.ack-timeout", "3s");
    }

    @Override
    public void stop() {
    }
}
