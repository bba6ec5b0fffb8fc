package org.itpump.local;

import org.itpump.infra.Infrastructure;
import org.itpump.infra.PathwayTopics;
import org.itpump.infra.PostgresServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The four services on one machine, each with its own database on one PostgreSQL, around one broker. */
public final class Platform implements AutoCloseable {

    /** The services and their fixed local ports. */
    public static final Map<String, Integer> SERVICES = fixedPorts();

    private final Infrastructure infrastructure;
    private DevelopmentKeys keys;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, java.util.function.Supplier<ServiceProcess>> launchers = new LinkedHashMap<>();

    private Platform(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /**
     * Starts every service and waits until each is ready.
     *
     * @param databasePrefix  each service's database is {@code <prefix>_<service>}, e.g. itpump_trial
     * @param freshDatabases  drop and recreate the databases (tests) instead of keeping their data (local runs)
     * @param ports           port per service name
     */
    public static Platform start(Infrastructure infrastructure, Path root, Path logs, String databasePrefix,
                                 boolean freshDatabases, Map<String, Integer> ports, Consumer<String> console) {
        return start(infrastructure, root, logs, databasePrefix, freshDatabases, ports, Map.of(), console);
    }

    /** As above, with extra system properties for every service (e.g. shorter timer polls in tests). */
    public static Platform start(Infrastructure infrastructure, Path root, Path logs, String databasePrefix,
                                 boolean freshDatabases, Map<String, Integer> ports, Map<String, String> properties,
                                 Consumer<String> console) {
        Platform platform = new Platform(infrastructure);
        platform.keys = DevelopmentKeys.generate(logs.resolveSibling("jwt"));
        PostgresServer postgres = infrastructure.postgres();
        Map<String, String> environment = Map.of(
                "ITPUMP_JWT_ISSUER", DevelopmentKeys.ISSUER,
                "ITPUMP_JWT_PUBLIC_KEY_LOCATION", platform.keys.publicKeyFile().toString(),
                "ITPUMP_DB_HOST", postgres.host(),
                "ITPUMP_DB_PORT", String.valueOf(postgres.port()),
                "ITPUMP_DB_USER", postgres.user(),
                "ITPUMP_DB_PASSWORD", postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        try {
            PathwayTopics.ensure(infrastructure.kafkaBootstrapServers());
            for (String service : SERVICES.keySet()) {
                String database = databasePrefix + "_" + service.replace("-service", "");
                if (freshDatabases) {
                    postgres.recreateDatabase(database);
                } else {
                    postgres.createDatabaseIfMissing(database);
                }
                Map<String, String> serviceProperties = new LinkedHashMap<>(properties);
                serviceProperties.put("itpump.db.name", database);
                if (System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == null) {
                    // no collector to export traces to on this machine: no tracing, rather than a warning every few seconds
                    serviceProperties.putIfAbsent("quarkus.otel.sdk.disabled", "true");
                }
                java.util.function.Supplier<ServiceProcess> launcher = () -> ServiceProcess.start(service,
                        root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"), ports.get(service),
                        environment, serviceProperties, logs.resolve(service + ".log"), console);
                platform.launchers.put(service, launcher);
                platform.services.put(service, launcher.get());
            }
            for (ServiceProcess service : platform.services.values()) {
                service.awaitReady(Duration.ofSeconds(120));
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** Kills the service with SIGKILL and starts it again on the same port and database; waits until ready. */
    public void crashAndRestart(String service) {
        services.get(service).kill();
        ServiceProcess restarted = launchers.get(service).get();
        services.put(service, restarted);
        restarted.awaitReady(Duration.ofSeconds(120));
    }

    /** A development bearer token, signed with this run's key, for a user with these roles. */
    public String token(String user, String... roles) {
        return keys.token(user, roles);
    }

    public String url(String service) {
        return services.get(service).baseUrl();
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        running.parallelStream().forEach(ServiceProcess::close);
    }

    private static Map<String, Integer> fixedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("trial-service", 8081);
        ports.put("implant-service", 8082);
        ports.put("dosing-service", 8083);
        ports.put("followup-service", 8084);
        return java.util.Collections.unmodifiableMap(ports);
    }
}
