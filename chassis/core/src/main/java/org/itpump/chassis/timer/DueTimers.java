package org.itpump.chassis.timer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Schedules durable timers (in the caller's transaction) and fires those that are due, by the injected clock,
 * each in a transaction of its own: a failing one is retried at the next poll and blocks no other. Whatever
 * fell due while the service was down fires at the first poll after it starts.
 */
@ApplicationScoped
public class DueTimers {

    private static final Logger LOG = Logger.getLogger(DueTimers.class);
    private static final int BATCH = 100;

    private final Clock clock;
    private final Instance<DueTimerHandler> handler;
    private final AtomicBoolean caughtUp = new AtomicBoolean();

    DueTimers(Clock clock, Instance<DueTimerHandler> handler) {
        this.clock = clock;
        this.handler = handler;
    }

    /** Sets (or moves) the subject's timer of that key; must run inside a Panache transaction. */
    public Uni<DueTimer> schedule(String kind, UUID subjectId, String key, Instant dueAt) {
        return DueTimer.<DueTimer>find("subjectId = ?1 and key = ?2", subjectId, key).firstResult()
                .chain(existing -> {
                    DueTimer timer = existing != null ? existing : new DueTimer();
                    if (existing == null) {
                        timer.id = UUID.randomUUID();
                        timer.subjectId = subjectId;
                        timer.key = key;
                    }
                    timer.kind = kind;
                    timer.dueAt = OffsetDateTime.ofInstant(dueAt, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                    timer.firedAt = null;
                    timer.cancelledAt = null;
                    return existing != null ? Uni.createFrom().item(timer) : timer.<DueTimer>persist();
                });
    }

    /** Cancels the subject's pending timer of that key, if any; inside a Panache transaction. */
    public Uni<Integer> cancel(UUID subjectId, String key) {
        return DueTimer.update("cancelledAt = ?1 where subjectId = ?2 and key = ?3 and firedAt is null and cancelledAt is null",
                now(), subjectId, key);
    }

    /** Cancels every pending timer of the subject (e.g. therapy ended); inside a Panache transaction. */
    public Uni<Integer> cancelAll(UUID subjectId) {
        return DueTimer.update("cancelledAt = ?1 where subjectId = ?2 and firedAt is null and cancelledAt is null",
                now(), subjectId);
    }

    /**
     * A scheduled job first runs one interval after start; this catches up at once with whatever fell due while
     * the service was down (then does nothing), so a long poll interval never delays that.
     */
    @Scheduled(every = "2s", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void catchUpAfterStart() throws Throwable {
        if (caughtUp.compareAndSet(false, true)) {
            poll();
        }
    }

    @Scheduled(every = "${itpump.timers.poll-interval:10s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() throws Throwable {
        if (handler.isUnsatisfied()) {
            return;
        }
        List<UUID> due = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> DueTimer
                .<DueTimer>find("firedAt is null and cancelledAt is null and dueAt <= ?1", Sort.ascending("dueAt"), now())
                .page(0, BATCH).list()).map(timers -> timers.stream().map(timer -> timer.id).toList()));
        for (UUID id : due) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> fire(id));
            } catch (Throwable failure) {
                LOG.warnf("Timer %s did not fire (%s); it is retried at the next poll", id, failure.getMessage());
            }
        }
    }

    /**
     * Fires one timer now if it is still pending; exposed for tests that must not wait for a poll. A handler that
     * moves its own timer to a later instant (schedule with the same subject and key) makes it repeat: it stays
     * pending for that instant instead of being marked fired.
     */
    @WithTransaction
    public Uni<Void> fire(UUID timerId) {
        return DueTimer.<DueTimer>findById(timerId).chain(timer -> {
            if (timer == null || timer.firedAt != null || timer.cancelledAt != null) {
                return Uni.createFrom().voidItem(); // fired or cancelled meanwhile, e.g. by another replica
            }
            OffsetDateTime dueAt = timer.dueAt;
            return handler.get().onDue(timer).invoke(() -> {
                if (timer.dueAt.isEqual(dueAt)) {
                    timer.firedAt = now();
                }
            });
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
