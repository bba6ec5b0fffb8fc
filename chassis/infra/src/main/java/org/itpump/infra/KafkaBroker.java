package org.itpump.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), running in a JVM of its own
 * from the Maven Central artifacts, so that it can be stopped, killed and restarted like a production one.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a fresh log directory and starts the broker on free ports. */
    public static KafkaBroker start(Path directory) {
        return start(directory, 0);
    }

    /**
     * Formats a fresh log directory and starts the broker with its client listener on {@code preferredPort} when
     * that port is free on 127.0.0.1 (a stable address a local tool can be pointed at, e.g. 9092), else on a free
     * one; 0 means any free port. {@link #bootstrapServers()} tells which it got.
     */
    public static KafkaBroker start(Path directory, int preferredPort) {
        KafkaBroker broker = new KafkaBroker(directory, portOrFree(preferredPort), freePort());
        broker.format();
        broker.restart();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts (again) on the same ports and log directory; returns when the broker answers. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka broker already running");
        }
        process = launch("broker.log", "kafka.Kafka", directory.resolve("server.properties").toString());
        awaitReady(Duration.ofSeconds(90));
    }

    /** SIGKILL: no clean shutdown, like a crashed node. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /**
     * SIGSTOP: the broker stays up but answers nothing, like a node in a long GC pause or behind a broken network;
     * requests already sent may still be written when it is {@link #thaw() thawed}. Linux and macOS only.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen broker goes on from where it stopped. */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("Kafka broker not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!waitFor(kill) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process)) {
                process.destroyForcibly();
            }
        }
    }

    private void format() {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("server.properties"), serverProperties());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process formatting = launch("format.log", "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", directory.resolve("server.properties").toString());
        if (!waitFor(formatting) || formatting.exitValue() != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed; see " + directory.resolve("format.log"));
        }
    }

    private String serverProperties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue()
                        + "; see " + directory.resolve("broker.log"));
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                sleep(200);
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + directory.resolve("broker.log"));
    }

    /** A JVM on the broker's own classpath, resolved by Maven when this module was built. */
    private Process launch(String log, String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-cp", brokerClasspath(), mainClass));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(log).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker's class path, which also holds Kafka's tools (org.apache.kafka.tools.ProducerPerformance). */
    public static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/itpump-kafka-classpath.txt")) {
            if (in == null) {
                throw new IllegalStateException("itpump-kafka-classpath.txt missing: build chassis/infra with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean waitFor(Process process) {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code preferred} when it can be bound on 127.0.0.1 now, otherwise a free port (also for 0). */
    static int portOrFree(int preferred) {
        if (preferred > 0) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), preferred));
                return preferred;
            } catch (IOException taken) {
                // in use (another broker, another run): any free port instead
            }
        }
        return freePort();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
