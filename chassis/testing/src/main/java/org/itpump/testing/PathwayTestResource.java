package org.itpump.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.infra.Infrastructure;
import org.itpump.infra.PathwayTopics;
import org.itpump.infra.PostgresServer;

import java.util.Map;

/**
 * Points a service under test at the real broker and PostgreSQL of {@link Infrastructure} (started once per
 * test JVM, or external ones) and gives it a freshly created database named after its own plus "_test".
 */
public class PathwayTestResource implements QuarkusTestResourceLifecycleManager {

    private static final java.util.Set<String> RECREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.shared();
        PostgresServer postgres = infrastructure.postgres();
        String database = ConfigProvider.getConfig().getValue("itpump.db.name", String.class) + "_test";
        if (RECREATED.add(database)) { // once per JVM: test classes of one run share their data
            postgres.recreateDatabase(database);
            PathwayTopics.ensure(infrastructure.kafkaBootstrapServers());
        }
        return Map.of(
                "itpump.db.host", postgres.host(),
                "itpump.db.port", String.valueOf(postgres.port()),
                "itpump.db.name", database,
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // the broker and the database outlive one test class; Infrastructure stops them when the JVM exits
    }

    public static String bootstrapServers() {
        return Infrastructure.shared().kafkaBootstrapServers();
    }
}
