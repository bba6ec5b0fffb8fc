package org.itpump.chassis;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.infra.Infrastructure;

import java.util.Map;

/**
 * Points the chassis' test application at the real broker and PostgreSQL of {@link Infrastructure}, with a fresh
 * database (itpump_chassis_test). The services' tests use chassis-testing's PathwayTestResource, which does the
 * same; that module depends on this one, so the chassis cannot use it.
 */
public class ChassisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Infrastructure.applicationUnderTest(ConfigProvider.getConfig().getValue("itpump.db.name", String.class));
    }

    @Override
    public void stop() {
        // the broker and the database outlive one test class; Infrastructure stops them when the JVM exits
    }

    public static String bootstrapServers() {
        return Infrastructure.shared().kafkaBootstrapServers();
    }
}
