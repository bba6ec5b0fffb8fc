package org.itpump.chassis.timer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A timer's effect is audited in its own transaction as system:&lt;service&gt; (here system:chassis-test, the test
 * application's quarkus.application.name), naming the timer: method TIMER, path its kind, caused_by its id and subject;
 * the audit row and the timer's fired mark commit together (one PostgreSQL transaction id, xmin).
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class TimerAuditTest {

    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    DueTimers timers;
    @Inject
    Pool pool;

    @Test
    void aFiredTimerLeavesASystemAuditRowNamingIt() throws Throwable {
        UUID id = UUID.randomUUID();
        UUID subject = UUID.randomUUID();
        pool.preparedQuery("insert into due_timer (id, kind, subject_id, timer_key, due_at) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(id, "chassis-test.audited", subject, "test",
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))).await().atMost(DB);
        VertxContextSupport.subscribeAndAwait(() -> timers.fire(id));
        RowSet<Row> rows = pool.preparedQuery("select actor, roles, method, path, outcome_status, xmin::text as tx"
                + " from audit_record where caused_by = $1").execute(Tuple.of("timer " + id + " of " + subject))
                .await().atMost(DB);
        assertEquals(1, rows.size(), "one audit row names the timer");
        Row audit = rows.iterator().next();
        assertEquals("system:chassis-test", audit.getString("actor"));
        assertEquals("", audit.getString("roles"));
        assertEquals("TIMER", audit.getString("method"));
        assertEquals("chassis-test.audited", audit.getString("path"));
        Row timer = pool.preparedQuery("select fired_at, xmin::text as tx from due_timer where id = $1").execute(Tuple.of(id))
                .await().atMost(DB).iterator().next();
        assertEquals(timer.getString("tx"), audit.getString("tx"), "the fired mark and the audit row: one transaction");
    }
}
