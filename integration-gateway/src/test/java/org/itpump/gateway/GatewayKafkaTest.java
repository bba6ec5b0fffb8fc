package org.itpump.gateway;

import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared setup of the gateway's tests fed through Kafka: one {@link EventSender} on the test broker for the test
 * class, and the test engine ({@link GatewayTestResource#ENGINE}) listening, so that SIU deliveries succeed. Subclasses
 * are {@code @QuarkusTest}s with {@code PathwayTestResource} and {@code GatewayTestResource}.
 */
public abstract class GatewayKafkaTest {

    protected static EventSender events;

    @BeforeAll
    static void connectToTheBrokerAndStartTheEngine() throws InterruptedException {
        events = new EventSender(PathwayTestResource.bootstrapServers());
        GatewayTestResource.ENGINE.start();
    }

    @AfterAll
    static void closeTheSender() {
        if (events != null) {
            events.close();
        }
    }
}
