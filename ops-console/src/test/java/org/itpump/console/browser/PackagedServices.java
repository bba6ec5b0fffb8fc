package org.itpump.console.browser;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import org.itpump.infra.Infrastructure;
import org.itpump.infra.PathwayTopics;
import org.itpump.infra.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The four pathway services as they ship: each one's packaged app ({@code <service>/target/quarkus-app}, built
 * before this module because the pom depends on them), in a JVM of its own in the prod profile, on the test's real
 * broker and PostgreSQL (a fresh database each, migrated by its owner role, run as its runtime role, as
 * deploy/local's Platform does). A key pair made for this run signs the console's tokens (its development sign-in)
 * and the test's own; every service verifies them with the public key, so the console's actions reach the real
 * APIs with the user's own token. Logs: {@code target/packaged-services/<service>.log}.
 */
public class PackagedServices implements QuarkusTestResourceLifecycleManager {

    /** The issuer the console's test profile signs and verifies with (chassis: %test mp.jwt.verify.issuer). */
    static final String ISSUER = "https://itpump.local/dev";
    static final List<String> SERVICES = List.of("trial-service", "implant-service", "dosing-service", "followup-service");
    private static final Map<String, String> URLS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> processes = new ArrayList<>();

    /** The base URL of a started service, e.g. {@code url("trial-service")}. */
    public static String url(String service) {
        return URLS.get(service);
    }

    /**
     * A bearer token for the test's own REST calls, signed with this run's key (the console's signing key):
     * upn {@code user}, these groups, every service in "aud".
     */
    public static String token(String user, String... roles) {
        return Jwt.issuer(ISSUER).audience(Set.of("ops-console", "trial-service", "implant-service", "dosing-service",
                "followup-service")).upn(user).groups(Set.of(roles)).sign();
    }

    @Override
    public Map<String, String> start() {
        Path work = Path.of("target", "packaged-services").toAbsolutePath();
        Path root = Path.of("..").toAbsolutePath().normalize();
        Infrastructure infrastructure = Infrastructure.shared();
        PathwayTopics.ensure(infrastructure.kafkaBootstrapServers());
        Path[] keys = keyPair(work.resolve("jwt"));
        PostgresServer postgres = infrastructure.postgres();
        List<String> names = new ArrayList<>();
        List<String> readiness = new ArrayList<>();
        for (String service : SERVICES) {
            Path app = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(app)) {
                throw new IllegalStateException(app + " is missing: build it first (mvn -pl ops-console -am package)");
            }
            PostgresServer.DatabaseRoles roles = postgres.recreateDatabase("itpump_console_it_" + service.replace("-service", ""));
            int port = freePort();
            int management = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms24m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + management,
                    "-Ditpump.db.name=itpump_console_it_" + service.replace("-service", ""),
                    // no TLS on the test's PostgreSQL, no trace collector
                    "-Dquarkus.datasource.reactive.trust-certificate-pem.certs=", "-Dquarkus.otel.sdk.disabled=true",
                    "-jar", app.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(app.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve(service + ".log").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("ITPUMP_JWT_ISSUER", ISSUER);
            environment.put("ITPUMP_JWT_PUBLIC_KEY_LOCATION", keys[0].toString());
            environment.put("ITPUMP_DB_SSLMODE", "disable");
            environment.put("ITPUMP_DB_HOST", postgres.host());
            environment.put("ITPUMP_DB_PORT", String.valueOf(postgres.port()));
            environment.put("ITPUMP_DB_USER", roles.runtime());
            environment.put("ITPUMP_DB_PASSWORD", roles.runtimePassword());
            environment.put("ITPUMP_DB_OWNER_USER", roles.owner());
            environment.put("ITPUMP_DB_OWNER_PASSWORD", roles.ownerPassword());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
            environment.put("MALLOC_ARENA_MAX", "2");
            try {
                processes.add(builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            URLS.put(service, "http://127.0.0.1:" + port);
            names.add(service);
            readiness.add("http://127.0.0.1:" + management + "/q/health/ready");
        }
        for (int i = 0; i < names.size(); i++) {
            awaitReady(names.get(i), processes.get(i), readiness.get(i), work.resolve(names.get(i) + ".log"));
        }
        Map<String, String> console = new LinkedHashMap<>();
        console.put("itpump.console.followup-url", url("followup-service"));
        console.put("itpump.console.implant-url", url("implant-service"));
        // inline, as Quarkus' own in-memory test key pair is given (which these replace): a location would lose to it
        try {
            console.put("smallrye.jwt.sign.key", Files.readString(keys[1]));
            console.put("mp.jwt.verify.publickey", Files.readString(keys[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return console;
    }

    @Override
    public void stop() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        URLS.clear();
    }

    private static void awaitReady(String name, Process process, String url, Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + name, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready after 180 s; see " + log);
    }

    /** RSA 2048 for this run: [public key PEM, private key PEM (PKCS#8)]. */
    private static Path[] keyPair(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.createDirectories(directory);
            Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
            Path publicKey = Files.writeString(directory.resolve("public-key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + pem.encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Path privateKey = Files.writeString(directory.resolve("private-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + pem.encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            return new Path[]{publicKey, privateKey};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
