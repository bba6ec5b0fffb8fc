package org.itpump.chassis.timer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.itpump.chassis.time.Times;
import org.itpump.chassis.audit.AuditRecorder;
import org.itpump.chassis.audit.AuditScope;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Schedules durable timers (in the caller's transaction) and fires those that are due, by the injected clock,
 * each in a transaction of its own. Whatever fell due while the service was down fires at the first poll after
 * it starts.
 * <p>
 * A timer whose firing fails (its handler throws: a record it needs is gone, a rule refuses, the database
 * hiccups) is retried on its own back-off, never at every poll: after failure n it waits
 * {@code itpump.timers.retry-backoff-initial} x 2^(n-1), at most {@code itpump.timers.retry-backoff-max}
 * (30 s doubling up to 1 h by default). A poll takes at most 100 timers, those that have never failed first
 * (oldest due first), then failing ones whose back-off has passed, so any number of failing timers never keeps
 * a good one from firing at the next poll. Failures are counted ({@code itpump_timers_failures_total} by kind;
 * the gauge {@code itpump_timers_failing} is the number of pending timers whose last attempt failed) and, at the
 * {@code itpump.timers.alert-after-failures}th failure in a row (5 by default), logged at ERROR and handed to
 * {@link DueTimerHandler#onRepeatedFailure} to raise the service's alert event. Rescheduling a timer clears its
 * failures.
 */
@ApplicationScoped
public class DueTimers {

    private static final Logger LOG = Logger.getLogger(DueTimers.class);
    private static final int BATCH = 100;

    /** Eligible now: due, not in back-off; never-failed first, then by due instant. ?1 = now. */
    private static final String ELIGIBLE = "from DueTimer t where t.firedAt is null and t.cancelledAt is null"
            + " and t.dueAt <= ?1 and (t.nextAttemptAt is null or t.nextAttemptAt <= ?1)"
            + " order by case when t.failures = 0 then 0 else 1 end, t.dueAt, t.id";
    private static final String FAILING = "firedAt is null and cancelledAt is null and failures > 0";
    private static final int FAILURE_TEXT_MAX = 1000;

    /** The HQL of the timers' polls as Panache sends it, interpreted at start (StartWarmUp), not on an event loop. */
    public static final List<String> QUERIES = List.of(ELIGIBLE, "SELECT COUNT(*) FROM DueTimer WHERE " + FAILING,
            "FROM DueTimer WHERE subjectId = ?1 and key = ?2");

    private final Clock clock;
    private final Instance<DueTimerHandler> handler;
    private final AuditRecorder audit;
    private final MeterRegistry meters;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final int alertAfterFailures;
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final AtomicLong failing = new AtomicLong();

    DueTimers(Clock clock, Instance<DueTimerHandler> handler, AuditRecorder audit, MeterRegistry meters,
              TimerSettings settings) {
        Duration backoffInitial = settings.retryBackoffInitial();
        Duration backoffMax = settings.retryBackoffMax();
        int alertAfterFailures = settings.alertAfterFailures();
        if (backoffInitial.isNegative() || backoffInitial.isZero() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalStateException("itpump.timers.retry-backoff-initial (" + backoffInitial + ") must be above 0"
                    + " and at most itpump.timers.retry-backoff-max (" + backoffMax + ")");
        }
        if (alertAfterFailures < 1) {
            throw new IllegalStateException("itpump.timers.alert-after-failures must be at least 1, was " + alertAfterFailures);
        }
        this.clock = clock;
        this.handler = handler;
        this.audit = audit;
        this.meters = meters;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.alertAfterFailures = alertAfterFailures;
        Gauge.builder("itpump.timers.failing", failing, AtomicLong::get)
                .description("Pending timers whose last attempt to fire failed (retried on back-off; alert when above 0)")
                .register(meters);
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
                    timer.dueAt = Times.utc(dueAt);
                    timer.firedAt = null;
                    timer.cancelledAt = null;
                    timer.failures = 0;
                    timer.nextAttemptAt = null;
                    timer.lastFailure = null;
                    timer.alertedAt = null;
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
    synchronized void poll() throws Throwable {
        if (handler.isUnsatisfied()) {
            return;
        }
        List<UUID> due = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> DueTimer
                .<DueTimer>find(ELIGIBLE, now()).page(0, BATCH).list())
                .map(timers -> timers.stream().map(timer -> timer.id).toList()));
        for (UUID id : due) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> fire(id));
            } catch (Throwable failure) {
                failed(id, failure);
            }
        }
        try {
            failing.set(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    DueTimer.count(FAILING))));
        } catch (Throwable unmeasured) {
            LOG.debugf("Failing timers not counted: %s", unmeasured.getMessage());
        }
    }

    /** Records the failure and the next attempt (own transaction); raises the alert at the configured count. */
    private void failed(UUID id, Throwable failure) {
        String reason = describe(failure);
        try {
            DueTimer timer = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    DueTimer.<DueTimer>findById(id).invoke(found -> {
                        if (found != null && found.firedAt == null && found.cancelledAt == null) {
                            found.failures++;
                            found.lastFailure = reason;
                            found.nextAttemptAt = now().plus(backoffAfter(found.failures));
                        }
                    })));
            if (timer == null || timer.firedAt != null || timer.cancelledAt != null) {
                return;
            }
            meters.counter("itpump.timers.failures", "kind", timer.kind).increment();
            LOG.warnf("Timer %s (%s of %s) failed %d time(s) in a row (%s); next attempt at %s", id, timer.kind,
                    timer.subjectId, timer.failures, reason, timer.nextAttemptAt);
            if (timer.failures >= alertAfterFailures && timer.alertedAt == null) {
                alert(timer);
            }
        } catch (Throwable unrecorded) {
            // e.g. the database is down: the timer stays eligible and is tried again at the next poll
            LOG.warnf("Timer %s did not fire (%s) and its failure could not be recorded (%s)", id, reason,
                    unrecorded.getMessage());
        }
    }

    private void alert(DueTimer failed) {
        LOG.errorf("Timer %s (%s of %s) has failed %d times in a row, last: %s; raising its alert", failed.id,
                failed.kind, failed.subjectId, failed.failures, failed.lastFailure);
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    DueTimer.<DueTimer>findById(failed.id).chain(timer -> handler.get().onRepeatedFailure(timer)
                            .invoke(() -> timer.alertedAt = now()))));
        } catch (Throwable notRaised) {
            LOG.errorf("The alert of failing timer %s could not be raised (%s); it is raised at its next failure",
                    failed.id, notRaised.getMessage());
        }
    }

    /** initial x 2^(failures-1), at most the maximum. */
    Duration backoffAfter(int failures) {
        Duration backoff = backoffInitial;
        for (int n = 1; n < failures && backoff.compareTo(backoffMax) < 0; n++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(backoffMax) > 0 ? backoffMax : backoff;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > FAILURE_TEXT_MAX ? text.substring(0, FAILURE_TEXT_MAX) : text;
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
            AuditScope.openForSystem();
            return handler.get().onDue(timer).invoke(() -> {
                if (timer.dueAt.isEqual(dueAt)) {
                    timer.firedAt = now();
                }
            }).call(() -> audit.recordSystemChange("TIMER", timer.kind, // with its effect, as system:<service>
                    "timer " + timer.id + " of " + timer.subjectId, null));
        });
    }

    private OffsetDateTime now() {
        return Times.now(clock);
    }
}
