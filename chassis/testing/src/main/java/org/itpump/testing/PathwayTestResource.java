package org.itpump.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.infra.Infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * Runs one statement on the service's test database as its migration owner (the role Flyway uses), for what the
     * service's own runtime role may not do, such as a schema change that plays a mistaken migration.
     */
    public static void asMigrationOwner(String sql) {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                Infrastructure.shared().postgres().jdbcUrl(config.getValue("itpump.db.name", String.class)),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("As the migration owner: " + sql, e);
        }
    }
}
