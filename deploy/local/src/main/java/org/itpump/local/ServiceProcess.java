package org.itpump.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One service's packaged Quarkus app, running in a JVM of its own, as it would in a container. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * The heap and JVM settings each service runs with (docs/benchmarks.md measures start-up and RSS with them):
     * a small heap with the serial collector (one service's load on 2 cores gains nothing from a parallel one)
     * that gives memory back when its live set shrinks, smaller thread stacks and code cache, and the build's
     * start-up archive ({@link #startupArchive}). ITPUMP_SERVICE_JAVA_OPTS adds to or overrides them.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms24m", "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40", "-Xss512k", "-XX:ReservedCodeCacheSize=64m",
            "-XX:MaxDirectMemorySize=64m");

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final long startedNanos;
    private volatile long readyMillis = -1;

    private ServiceProcess(String name, int port, int managementPort, Process process, long startedNanos) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * Runs the app's database migrations and waits for it to exit, as the Kubernetes {@code migrate} init container
     * does: the same app and JVM with {@code quarkus.init-and-exit} (Flyway migrates as the database's owner, then
     * Quarkus stops before HTTP and Kafka). The service itself then starts with migrate-at-start off.
     *
     * @return the migration run's wall time in ms
     * @throws IllegalStateException when the run fails or is still running after {@code timeout} (its log says why)
     */
    public static long migrate(String name, Path app, Map<String, String> environment, Map<String, String> properties,
                               Path logFile, Consumer<String> console, Duration timeout) {
        Map<String, String> migrateProperties = new java.util.LinkedHashMap<>(properties);
        migrateProperties.put("quarkus.init-and-exit", "true");
        migrateProperties.put("quarkus.flyway.migrate-at-start", "true");
        ServiceProcess run = start(name, app, freePort(), environment, migrateProperties, logFile, console);
        try {
            if (!run.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                run.kill();
                throw new IllegalStateException(name + ": migrations still running after " + timeout + " (log " + logFile + ")");
            }
        } catch (InterruptedException e) {
            run.kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted migrating " + name, e);
        }
        if (run.process.exitValue() != 0) {
            throw new IllegalStateException(name + ": migrations failed with exit " + run.process.exitValue() + " (log " + logFile + ")");
        }
        return (System.nanoTime() - run.startedNanos) / 1_000_000;
    }

    /**
     * Starts the app; its full log goes to {@code logFile}, and lines at WARN or above also to {@code console}.
     */
    public static ServiceProcess start(String name, Path app, int port, Map<String, String> environment,
                                       Map<String, String> properties, Path logFile, Consumer<String> console) {
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: build the services first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(JVM_OPTIONS);
        // a migration run (init-and-exit) stops before the service's work: it never trains
        boolean training = Boolean.getBoolean(TRAINING) && !"true".equals(properties.get("quarkus.init-and-exit"));
        command.addAll(startupArchive(app, javaFeatureVersion(), training));
        command.add("-Dquarkus.http.port=" + port);
        // The packaged services serve /q/* on a management port of their own (9000 in a pod); here four services and
        // their replicas share one host, so each process gets a free port.
        int managementPort = freePort();
        command.add("-Dquarkus.management.port=" + managementPort);
        command.addAll(extraJavaOptions(name));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // From the app's directory, as the archive was recorded: a class data archive holds the class path as given.
        command.addAll(List.of("-jar", app.getFileName().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // glibc's per-thread arenas would add tens of MB of RSS
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            Files.deleteIfExists(logFile.resolveSibling(logFile.getFileName() + ".previous"));
            if (Files.exists(logFile)) { // keep the log of the run before a restart
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".previous"));
            }
            long startedNanos = System.nanoTime();
            if (training) {
                // straight to the file: the JVM that assembles the AOT cache outlives the process and writes to its
                // output, and Java closes a process's pipe when the process exits (the assembly would die of it)
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            }
            Process process = builder.start();
            if (!training) {
                Thread pump = new Thread(() -> copyLog(name, process, logFile, console), name + "-log");
                pump.setDaemon(true);
                pump.start();
            }
            return new ServiceProcess(name, port, managementPort, process, startedNanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * ITPUMP_SERVICE_JAVA_OPTS: more JVM options for every service, {service} replaced by its name, e.g. a flight
     * recording per service: -XX:StartFlightRecording=filename=/tmp/jfr/{service}.jfr,settings=profile
     */
    private static List<String> extraJavaOptions(String service) {
        String options = System.getenv().getOrDefault("ITPUMP_SERVICE_JAVA_OPTS", "").trim();
        return options.isEmpty() ? List.of()
                : Arrays.stream(options.split("\\s+")).map(option -> option.replace("{service}", service)).toList();
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: /q/health, /q/metrics, /q/openapi (not on the API port in the packaged services). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /**
     * The start-up archive for the JDK that runs the app:
     * <ul>
     *   <li>JDK 25+: the AOT cache of a training run ({@code app-trained.aot}, {@link #TRAINING}) when there is one,
     *   else the one the build recorded ({@code app.aot}, quarkus.package.jar.aot on a JDK 25 build: it stops after
     *   static initialisation); only a JDK 25+ can read either;</li>
     *   <li>else the AppCDS archive ({@code app-cds.jsa}, the same property on a JDK 17 build). A JDK 17 never gets
     *   -XX:AOTCache (it would refuse to start); an archive of another JDK is ignored by the JVM with a warning.</li>
     * </ul>
     * While {@link #TRAINING} is set, a JDK 25+ records {@code app-trained.aot} instead (JEP 514's
     * {@code -XX:AOTCacheOutput}, written when the process exits): the classes and method profiles of a started
     * service that connected to PostgreSQL and Kafka and served calls, which the build's recording never reaches.
     */
    static List<String> startupArchive(Path app, int javaFeatureVersion) {
        return startupArchive(app, javaFeatureVersion, Boolean.getBoolean(TRAINING));
    }

    private static List<String> startupArchive(Path app, int javaFeatureVersion, boolean training) {
        Path aotCache = app.resolveSibling("app.aot");
        Path trainedCache = app.resolveSibling(TRAINED_CACHE);
        Path classDataArchive = app.resolveSibling("app-cds.jsa");
        if (javaFeatureVersion >= 25 && training) {
            return List.of("-XX:AOTCacheOutput=" + TRAINED_CACHE);
        }
        if (javaFeatureVersion >= 25 && Files.isRegularFile(trainedCache)) {
            return List.of("-XX:AOTCache=" + TRAINED_CACHE);
        }
        if (javaFeatureVersion >= 25 && Files.isRegularFile(aotCache)) {
            return List.of("-XX:AOTCache=" + aotCache.getFileName());
        }
        if (Files.isRegularFile(classDataArchive)) {
            return List.of("-XX:SharedArchiveFile=" + classDataArchive.getFileName());
        }
        return List.of();
    }

    /** System property: processes started while it is true record a trained AOT cache (JDK 25+, see startupArchive). */
    public static final String TRAINING = "itpump.aot.training";
    public static final String TRAINED_CACHE = "app-trained.aot";

    /** Whether the JDK that runs the apps can record and read AOT caches (25+). */
    public static boolean aotCapable() {
        return javaFeatureVersion() >= 25;
    }

    /** The process id (for /proc/&lt;pid&gt;/smaps_rollup). */
    public long pid() {
        return process.pid();
    }

    /** Waits for /q/health/ready to answer 200 (database migrated, Kafka reachable, channels up). */
    public void awaitReady(Duration timeout) {
        readyMillis = awaitAnswer(managementUrl() + "/q/health/ready", timeout);
    }

    /** ms from this process's start to its first ready answer ({@link #awaitReady}); -1 before that. */
    public long readyMillis() {
        return readyMillis;
    }

    /**
     * Waits until the URL answers 200 (polled every 20 ms) and returns the ms from this process's start to that
     * answer: the start-up time a client sees, JVM start included.
     */
    public long awaitAnswer(String url, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting");
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + name, e);
            }
            sleep(20);
        }
        throw new IllegalStateException(name + " not ready after " + timeout);
    }

    /** SIGKILL: no shutdown hooks, no clean disconnects, like a crashed container. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            // a training run writes its AOT cache on the way out (a child JVM assembles it): give it time
            if (!process.waitFor(Boolean.getBoolean(TRAINING) ? 300 : 20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Per process name: the Vert.x event-loop blocked-thread warnings its logs have had since this JVM started. */
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> BLOCKED_EVENT_LOOP =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The event-loop blocked-thread warnings (Vert.x' BlockedThreadChecker: "Thread[...vert.x-eventloop-thread-N...]
     * has been blocked for N ms") each process name has logged so far, across its restarts: issue 17 asks for none,
     * at start or under load. Names in first-seen order are not kept: sorted.
     */
    public static Map<String, Integer> blockedEventLoopWarnings() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        BLOCKED_EVENT_LOOP.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    static boolean blockedEventLoop(String line) {
        return line.contains("vert.x-eventloop-thread") && line.contains("has been blocked for");
    }

    private static void copyLog(String name, Process process, Path logFile, Consumer<String> console) {
        BLOCKED_EVENT_LOOP.computeIfAbsent(name, ignored -> new java.util.concurrent.atomic.AtomicInteger());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.println(line);
                if (blockedEventLoop(line)) {
                    BLOCKED_EVENT_LOOP.get(name).incrementAndGet();
                }
                if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                    console.accept(String.format("%-17s| %s", name, line));
                }
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                console.accept(name + " | log lost: " + e.getMessage());
            }
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * ITPUMP_SERVICE_JAVA_HOME: the JDK that runs the services (e.g. /usr/lib/jvm/temurin-25-jdk-amd64, as the
     * container images do); the launcher's own JDK otherwise.
     */
    static Path javaHome() {
        String home = System.getenv("ITPUMP_SERVICE_JAVA_HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("java.home") : home);
    }

    private static String javaBin() {
        return javaHome().resolve("bin").resolve("java").toString();
    }

    /** The services' JDK's feature version (17, 25, ...), from its release file; the launcher's when unreadable. */
    public static int javaFeatureVersion() {
        try {
            for (String line : Files.readAllLines(javaHome().resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // fall through
        }
        return Runtime.version().feature();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
