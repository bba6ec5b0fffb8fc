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
    /** The read-side web console (not one of the four pathway services; started by {@link #startOpsConsole}). */
    public static final String OPS_CONSOLE = "ops-console";
    public static final int OPS_CONSOLE_PORT = 8085;
    /** HL7 v2 SIU over MLLP and FHIR R4 for the hospital's integration engines (started by {@link #startGateway}). */
    public static final String GATEWAY = "integration-gateway";
    public static final int GATEWAY_PORT = 8086;

    private final Infrastructure infrastructure;
    private DevelopmentKeys keys;
    // instances of each service (replicas share the service's database and Kafka consumer group)
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    // per instance: starts it with these extra system properties (on top of the platform's)
    private final Map<String, List<java.util.function.Function<Map<String, String>, ServiceProcess>>> launchers =
            new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger nextInstance = new java.util.concurrent.atomic.AtomicInteger();
    private Map<String, String> environment = Map.of();
    private Map<String, String> baseProperties = Map.of();
    private Path root;
    private Path logs;
    private String databasePrefix;
    private boolean freshDatabases;
    private final Map<String, Long> migrationMillis = new java.util.concurrent.ConcurrentHashMap<>();

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
        Map<String, List<Integer>> single = new LinkedHashMap<>();
        ports.forEach((service, port) -> single.put(service, List.of(port)));
        return startReplicas(infrastructure, root, logs, databasePrefix, freshDatabases, single, properties, console);
    }

    /**
     * As above, with as many instances of each service as it has ports: replicas as a Deployment runs them,
     * sharing the service's database (and so its outbox) and its Kafka consumer group.
     */
    public static Platform startReplicas(Infrastructure infrastructure, Path root, Path logs, String databasePrefix,
                                         boolean freshDatabases, Map<String, List<Integer>> ports,
                                         Map<String, String> properties, Consumer<String> console) {
        Platform platform = new Platform(infrastructure);
        platform.keys = DevelopmentKeys.generate(logs.resolveSibling("jwt"));
        PostgresServer postgres = infrastructure.postgres();
        Map<String, String> environment = Map.of(
                "ITPUMP_JWT_ISSUER", DevelopmentKeys.ISSUER,
                "ITPUMP_JWT_PUBLIC_KEY_LOCATION", platform.keys.publicKeyFile().toString(),
                // the development tokens live 12 h (DevelopmentKeys; a minute's margin for the clock); production
                // refuses tokens older than 1 h
                "ITPUMP_JWT_MAX_AGE_SECONDS", String.valueOf(DevelopmentKeys.LIFETIME.plusMinutes(1).toSeconds()),
                // the local PostgreSQL has no TLS; production verifies the CloudNativePG CA (verify-full)
                "ITPUMP_DB_SSLMODE", "disable",
                "ITPUMP_DB_HOST", postgres.host(),
                "ITPUMP_DB_PORT", String.valueOf(postgres.port()),
                "KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        platform.environment = environment;
        platform.baseProperties = Map.copyOf(properties);
        platform.root = root;
        platform.logs = logs;
        platform.databasePrefix = databasePrefix;
        platform.freshDatabases = freshDatabases;
        try {
            PathwayTopics.ensure(infrastructure.kafkaBootstrapServers());
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            Map<String, Map<String, String>> propertiesByService = new LinkedHashMap<>();
            Map<String, Map<String, String>> migrationEnvironments = new LinkedHashMap<>();
            for (String service : SERVICES.keySet()) {
                String database = databasePrefix + "_" + service.replace("-service", "");
                PostgresServer.DatabaseRoles roles = freshDatabases ? postgres.recreateDatabase(database)
                        : postgres.createDatabaseIfMissing(database);
                Map<String, String> serviceEnvironment = new LinkedHashMap<>(environment);
                // The service runs as its runtime role, which owns nothing; only the migration step below holds the
                // owner's credentials (as in Kubernetes, where the migrate init container alone mounts them).
                serviceEnvironment.put("ITPUMP_DB_USER", roles.runtime());
                serviceEnvironment.put("ITPUMP_DB_PASSWORD", roles.runtimePassword());
                Map<String, String> migrationEnvironment = new LinkedHashMap<>(serviceEnvironment);
                migrationEnvironment.put("ITPUMP_DB_OWNER_USER", roles.owner());
                migrationEnvironment.put("ITPUMP_DB_OWNER_PASSWORD", roles.ownerPassword());
                Map<String, String> serviceProperties = new LinkedHashMap<>(properties);
                serviceProperties.put("itpump.db.name", database);
                // no TLS here, so no CA to trust (an empty value unsets the production default)
                serviceProperties.put("quarkus.datasource.reactive.trust-certificate-pem.certs", "");
                if (System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == null) {
                    // no collector to export traces to on this machine: no tracing, rather than a warning every few seconds
                    serviceProperties.putIfAbsent("quarkus.otel.sdk.disabled", "true");
                }
                environments.put(service, serviceEnvironment);
                migrationEnvironments.put(service, migrationEnvironment);
                propertiesByService.put(service, serviceProperties);
            }
            // Migrations first, once per service (the four in parallel), as the Kubernetes init container runs them
            // before the service's container: the services start on a migrated database and never migrate.
            inParallel(List.copyOf(SERVICES.keySet()), service -> {
                Path app = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                long ms = ServiceProcess.migrate(service, app, migrationEnvironments.get(service),
                        propertiesByService.get(service), logs.resolve(service + "-migrate.log"), console,
                        Duration.ofSeconds(120));
                platform.migrationMillis.put(service, ms);
            });
            for (String service : SERVICES.keySet()) {
                Map<String, String> serviceEnvironment = environments.get(service);
                Map<String, String> serviceProperties = new LinkedHashMap<>(propertiesByService.get(service));
                serviceProperties.put("quarkus.flyway.migrate-at-start", "false");
                List<Integer> instancePorts = ports.get(service);
                List<java.util.function.Function<Map<String, String>, ServiceProcess>> serviceLaunchers = new ArrayList<>();
                List<ServiceProcess> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
                for (int i = 0; i < instancePorts.size(); i++) {
                    int port = instancePorts.get(i);
                    String log = instancePorts.size() == 1 ? service + ".log" : service + "-" + (i + 1) + ".log";
                    java.util.function.Function<Map<String, String>, ServiceProcess> launcher = extra -> {
                        Map<String, String> all = new LinkedHashMap<>(serviceProperties);
                        all.putAll(extra);
                        return ServiceProcess.start(service, root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"),
                                port, serviceEnvironment, all, logs.resolve(log), console);
                    };
                    serviceLaunchers.add(launcher);
                    instances.add(launcher.apply(Map.of()));
                }
                platform.launchers.put(service, serviceLaunchers);
                platform.services.put(service, instances);
            }
            // all at once, so that each one's ready time is its own (a sequential wait would stamp it late)
            inParallel(platform.services.values().stream().flatMap(List::stream).toList(),
                    instance -> instance.awaitReady(Duration.ofSeconds(120)));
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * Starts ops-console (its own database {@code <prefix>_ops_console}) in its "local" profile: the production
     * settings plus the development sign-in, which signs with this run's private key. Its actions call this
     * platform's implant- and followup-service. Waits until it is ready; {@link #close()} stops it.
     */
    public void startOpsConsole(int port, Consumer<String> console) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.profile", "local");
        Map<String, String> consoleEnvironment = new LinkedHashMap<>();
        consoleEnvironment.put("ITPUMP_JWT_PRIVATE_KEY_LOCATION", keys.privateKeyFile().toString());
        consoleEnvironment.put("ITPUMP_FOLLOWUP_URL", url("followup-service"));
        consoleEnvironment.put("ITPUMP_IMPLANT_URL", url("implant-service"));
        startReadSide(OPS_CONSOLE, "ops_console", port, properties, consoleEnvironment, console);
    }

    /**
     * Starts integration-gateway (its own database {@code <prefix>_gateway}): it reads the pathway topics, publishes
     * SIU (ER7) on itpump.integration.hl7v2 and FHIR JSON on itpump.integration.fhir-r4, serves the FHIR API at
     * {@code /fhir/r4}, and delivers each SIU message over MLLP to every engine of {@code engines} (name to
     * {@code host:port}; none: Kafka only). {@code properties} are added, e.g. a shorter ACK timeout in tests.
     * Waits until it is ready; {@link #close()} stops it.
     *
     * @throws IllegalArgumentException when an engine's address is not {@code host:port}
     */
    public void startGateway(int port, Map<String, String> engines, Map<String, String> properties,
                             Consumer<String> console) {
        Map<String, String> gatewayProperties = new LinkedHashMap<>(properties);
        engines.forEach((name, address) -> {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("MLLP engine " + name + ": '" + address + "' is not host:port");
            }
            gatewayProperties.put("itpump.gateway.delivery.mllp." + name + ".host", address.substring(0, colon));
            gatewayProperties.put("itpump.gateway.delivery.mllp." + name + ".port", address.substring(colon + 1));
        });
        startReadSide(GATEWAY, "gateway", port, gatewayProperties, Map.of(), console);
    }

    /**
     * One of the services beside the four pathway services (console, gateway), started like them: its own database
     * (migrated by its owner role, used by its runtime role), the platform's environment and properties plus its own.
     */
    private void startReadSide(String service, String databaseSuffix, int port, Map<String, String> ownProperties,
                               Map<String, String> ownEnvironment, Consumer<String> console) {
        PostgresServer postgres = infrastructure.postgres();
        String database = databasePrefix + "_" + databaseSuffix;
        PostgresServer.DatabaseRoles roles = freshDatabases ? postgres.recreateDatabase(database)
                : postgres.createDatabaseIfMissing(database);
        Map<String, String> properties = new LinkedHashMap<>(baseProperties);
        properties.put("itpump.db.name", database);
        properties.put("quarkus.datasource.reactive.trust-certificate-pem.certs", "");
        if (System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == null) {
            properties.putIfAbsent("quarkus.otel.sdk.disabled", "true");
        }
        properties.putAll(ownProperties);
        Map<String, String> serviceEnvironment = new LinkedHashMap<>(environment);
        serviceEnvironment.put("ITPUMP_DB_USER", roles.runtime());
        serviceEnvironment.put("ITPUMP_DB_PASSWORD", roles.runtimePassword());
        serviceEnvironment.put("ITPUMP_DB_OWNER_USER", roles.owner());
        serviceEnvironment.put("ITPUMP_DB_OWNER_PASSWORD", roles.ownerPassword());
        serviceEnvironment.putAll(ownEnvironment);
        String log = service + ".log";
        java.util.function.Function<Map<String, String>, ServiceProcess> launcher = extra -> {
            Map<String, String> all = new LinkedHashMap<>(properties);
            all.putAll(extra);
            return ServiceProcess.start(service, root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"), port,
                    serviceEnvironment, all, logs.resolve(log), console);
        };
        ServiceProcess process = launcher.apply(Map.of());
        launchers.put(service, List.of(launcher));
        services.put(service, new java.util.concurrent.CopyOnWriteArrayList<>(List.of(process)));
        process.awaitReady(Duration.ofSeconds(120));
    }

    /** Kills the service with SIGKILL and starts it again on the same port and database; waits until ready. */
    public void crashAndRestart(String service) {
        crashAndRestart(service, 0);
    }

    /** The same for one instance of a replicated service (0-based); the other instances go on serving. */
    public void crashAndRestart(String service, int instance) {
        crashAndRestart(service, instance, Map.of());
    }

    /**
     * SIGKILL, then a start with these system properties added to the platform's, e.g. a test clock
     * ({@code itpump.test.clock-offset}); a later restart without them starts the service as before.
     */
    public void crashAndRestart(String service, int instance, Map<String, String> properties) {
        List<ServiceProcess> instances = services.get(service);
        instances.get(instance).kill();
        ServiceProcess restarted = launchers.get(service).get(instance).apply(properties);
        instances.set(instance, restarted);
        restarted.awaitReady(Duration.ofSeconds(120));
    }

    /** Each service's migration run (its launcher step before the service starts), wall time in ms. */
    public Map<String, Long> migrationMillis() {
        return Map.copyOf(migrationMillis);
    }

    /** The service's first instance (its process id, its start). */
    public ServiceProcess instance(String service) {
        return services.get(service).get(0);
    }

    /** How many instances of the service run. */
    public int instances(String service) {
        return services.get(service).size();
    }

    /** A development bearer token, signed with this run's key, for a user with these roles. */
    public String token(String user, String... roles) {
        return keys.token(user, roles);
    }

    /** The management URL (/q/health, /q/metrics) of the service's first instance. */
    public String managementUrl(String service) {
        return services.get(service).get(0).managementUrl();
    }

    /** The base URL of the service: with replicas, each call names the next instance (round robin, as a Service would). */
    public String url(String service) {
        List<ServiceProcess> instances = services.get(service);
        return instances.get(Math.floorMod(nextInstance.getAndIncrement(), instances.size())).baseUrl();
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() {
        List<ServiceProcess> running = services.values().stream().flatMap(List::stream).toList();
        running.parallelStream().forEach(ServiceProcess::close);
    }

    /** One thread per item (the common pool has one worker on 2 cores); the first failure is thrown. */
    private static <T> void inParallel(List<T> items, Consumer<T> action) {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(items.size());
        try {
            List<java.util.concurrent.Future<?>> futures = items.stream()
                    .<java.util.concurrent.Future<?>>map(item -> threads.submit(() -> action.accept(item))).toList();
            for (java.util.concurrent.Future<?> future : futures) {
                future.get(); // each action bounds its own wait
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted starting the platform", e);
        } finally {
            threads.shutdownNow();
        }
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
