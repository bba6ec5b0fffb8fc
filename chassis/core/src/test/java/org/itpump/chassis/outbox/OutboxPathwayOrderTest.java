package org.itpump.chassis.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.chassis.events.OutgoingEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two use cases of one pathway that change different rows: the one stamped first must not commit after the other
 * (issue 17; the fault suite saw a {@code dosing.pump-programmed} published after a later-stamped event of its
 * pathway). Use case A appends and holds its transaction open; use case B of the same pathway must wait at its append
 * (PostgreSQL shows it waiting for the pathway's advisory lock) until A commits, and is then stamped and positioned
 * after A. A use case of another pathway does not wait.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxPathwayOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A use case that appends one event and commits only when told to. */
    @ApplicationScoped
    public static class HeldUseCase {
        @Inject
        Outbox outbox;

        @WithTransaction
        public Uni<Void> appendAndHold(OutgoingEvent event, CompletableFuture<Void> appended,
                                       CompletableFuture<Void> release) {
            io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
            return outbox.append(event)
                    .invoke(() -> appended.complete(null))
                    // the session belongs to this context: resume on it, not on the thread that releases
                    .chain(() -> Uni.createFrom().<Void>emitter(resumed ->
                            release.thenRun(() -> context.runOnContext(ignored -> resumed.complete(null)))));
        }

        @WithTransaction
        public Uni<Void> append(OutgoingEvent event) {
            return outbox.append(event);
        }
    }

    @Inject
    HeldUseCase useCase;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;

    @Test
    void aSecondUseCaseOfThePathwayWaitsForTheFirstsCommitAndIsStampedAfterIt() throws Exception {
        UUID pathwayId = UUID.randomUUID();
        CompletableFuture<Void> appended = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> first = start(() ->
                useCase.appendAndHold(RelayFixture.trialCancelled(json, pathwayId, "PT-A"), appended, release));
        appended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        int waitingBefore = waitingForPathwayLocks();

        CompletableFuture<Void> second = start(() -> useCase.append(RelayFixture.trialCancelled(json, pathwayId, "PT-B")));
        try {
            RelayFixture.await(() -> waitingForPathwayLocks() > waitingBefore, WAIT,
                    "use case B waits for the pathway's lock while A's transaction is open");
        } catch (AssertionError notWaiting) {
            List<String> locks = new ArrayList<>();
            pool.query("select locktype, classid, objid, objsubid, granted, pid from pg_locks where locktype = 'advisory'")
                    .execute().await().atMost(WAIT).forEach(row -> locks.add(row.toJson().encode()));
            throw new AssertionError(notWaiting.getMessage() + "; B done: " + second.isDone() + "; locks: " + locks, notWaiting);
        }
        assertFalse(second.isDone(), "B cannot commit before A");

        // another pathway's use case goes through meanwhile
        UUID otherPathway = UUID.randomUUID();
        start(() -> useCase.append(RelayFixture.trialCancelled(json, otherPathway, "PT-C")))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, rowsOf(otherPathway).size(), "a use case of another pathway did not wait for A");

        release.complete(null);
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        second.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<Row> rows = rowsOf(pathwayId); // in position order
        assertEquals(List.of("PT-A", "PT-B"), rows.stream().map(row -> row.getString("patient_ref")).toList(),
                "A, appended first, has the earlier position");
        OffsetDateTime stampedA = rows.get(0).getOffsetDateTime("occurred_at");
        OffsetDateTime stampedB = rows.get(1).getOffsetDateTime("occurred_at");
        assertTrue(stampedB.isAfter(stampedA), "B was stamped after A committed: " + stampedA + " then " + stampedB);
    }

    private CompletableFuture<Void> start(java.util.function.Supplier<Uni<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new Thread(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(work);
                done.complete(null);
            } catch (Throwable failure) {
                done.completeExceptionally(failure);
            }
        }).start();
        return done;
    }

    private int waitingForPathwayLocks() {
        return pool.preparedQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                        + " and cast(classid as bigint) = $1")
                .execute(Tuple.of((long) Outbox.PATHWAY_LOCK_CLASS)).await().atMost(WAIT).iterator().next().getInteger(0);
    }

    private List<Row> rowsOf(UUID pathwayId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("""
                        select payload->>'patientRef' as patient_ref, occurred_at from outbox_event
                        where subject = $1 order by position""")
                .execute(Tuple.of(pathwayId.toString())).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }

}
