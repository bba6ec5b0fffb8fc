package org.itpump.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.infra.Infrastructure;

import java.util.Map;

/**
 * Points a service under test at the real broker and PostgreSQL of {@link Infrastructure} (started once per
 * test JVM, or external ones) and gives it a freshly created database named after its own plus "_test".
 */
public class PathwayTestResource implements QuarkusTestResourceLifecycleManager {

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
