package org.itpump.local.bench;

import org.itpump.infra.PostgresServer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When rows of one table commit, to the JVM's nanosecond clock, keyed by a column's value: an AFTER INSERT trigger
 * (the benchmark's own, installed as the superuser on the bench database) sends pg_notify with the key, which
 * PostgreSQL delivers to LISTENers only when the inserting transaction commits; a thread of its own blocks on the
 * connection and stamps each notification as it arrives. No polling loop: the stamp is the commit plus one
 * delivery, the same on both ends of a hop.
 */
final class CommitListener implements AutoCloseable {

    private final Connection connection;
    private final String table;
    private final String channel;
    private final Thread thread;
    private final ConcurrentMap<String, CompletableFuture<Long>> committed = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    /**
     * @param table  the table whose inserts to time, e.g. implant_case
     * @param key    the column (cast to text) that names a row, e.g. pathway_id
     * @param when   a trigger WHEN condition on NEW, or "true"
     */
    CommitListener(PostgresServer postgres, String database, String table, String key, String when) throws SQLException {
        this.table = table;
        this.channel = "itpump_bench_" + table;
        try (Connection owner = postgres.connect(database); Statement s = owner.createStatement()) {
            s.execute("create or replace function " + channel + "() returns trigger language plpgsql as $$ begin "
                    + "perform pg_notify('" + channel + "', new." + key + "::text); return null; end $$");
            s.execute("drop trigger if exists " + channel + " on " + table);
            s.execute("create trigger " + channel + " after insert on " + table + " for each row when (" + when
                    + ") execute function " + channel + "()");
        }
        this.connection = postgres.connect(database);
        try (Statement s = connection.createStatement()) {
            s.execute("listen " + channel);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.thread = new Thread(() -> {
            while (open) {
                try {
                    PGNotification[] notifications = pg.getNotifications(250);
                    long now = System.nanoTime();
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            committed.computeIfAbsent(n.getParameter(), k -> new CompletableFuture<>()).complete(now);
                        }
                    }
                } catch (SQLException e) {
                    if (open) {
                        committed.values().forEach(f -> f.completeExceptionally(e));
                        return;
                    }
                }
            }
        }, channel);
        thread.setDaemon(true);
        thread.start();
    }

    /** System.nanoTime() when the row with this key committed; fails after the timeout, naming the row. */
    long awaitCommit(String keyValue, Duration timeout) throws Exception {
        try {
            return committed.computeIfAbsent(keyValue, k -> new CompletableFuture<>())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no commit of " + keyValue + " heard within " + timeout, e);
        }
    }

    /** Forgets a key once its hop is measured. */
    void forget(String keyValue) {
        committed.remove(keyValue);
    }

    @Override
    public void close() throws Exception {
        open = false;
        thread.join(2000);
        try (Statement s = connection.createStatement()) { // the services' later transactions notify nobody
            s.execute("drop trigger if exists " + channel + " on " + table);
        } finally {
            connection.close();
        }
    }
}
