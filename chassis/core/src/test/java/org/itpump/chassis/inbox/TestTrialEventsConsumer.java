package org.itpump.chassis.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.problem.RuleViolationException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chassis test application's consumer: reads trial.cancelled from itpump.trial.events through the
 * {@link InboundEventProcessor} in batches, as a service's messaging adapter does. What it does with a trial is the test's
 * choice: by default it counts the applications; a trial named in {@link #failTransiently} fails that many times
 * with an infrastructure-like failure first; a trial in {@link #refuse} is refused by a clinical rule.
 */
@Singleton
public class TestTrialEventsConsumer {

    /** What this consumer reads of trial.cancelled (a tolerant reader). */
    public record TrialCancelled(UUID pathwayId, UUID trialId, String reason) {
    }

    /** trialId: how many times its effect was applied. */
    final Map<UUID, AtomicInteger> applied = new ConcurrentHashMap<>();
    /** trialId: how many times its effect was attempted. */
    final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** trialId: how many attempts still fail as if PostgreSQL were down. */
    final Map<UUID, AtomicInteger> failTransiently = new ConcurrentHashMap<>();
    final Set<UUID> refuse = ConcurrentHashMap.newKeySet();
    /**
     * Trials whose application schedules a due timer (an entity in the session); for each such trial, how many of the
     * timers scheduled by earlier applications the session still managed when it ran.
     */
    final Map<UUID, Integer> stillManaged = new ConcurrentHashMap<>();
    private final List<org.itpump.chassis.timer.DueTimer> scheduled = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /** Trials whose application also appends an event of their pathway (so takes the pathway's lock, as a use case does). */
    final Set<UUID> appendEvent = ConcurrentHashMap.newKeySet();
    /** trialId: the PostgreSQL transaction that applied it (the last attempt's). */
    final Map<UUID, Long> transactions = new ConcurrentHashMap<>();
    /** trialIds in the order their effects were applied. */
    final List<UUID> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;
    private final org.itpump.chassis.outbox.Outbox outbox;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final org.itpump.chassis.timer.DueTimers timers;

    TestTrialEventsConsumer(InboundEventProcessor processor, org.itpump.chassis.outbox.Outbox outbox,
                            com.fasterxml.jackson.databind.ObjectMapper json, org.itpump.chassis.timer.DueTimers timers) {
        this.processor = processor;
        this.timers = timers;
        this.outbox = outbox;
        this.json = json;
        this.handlers = EventHandlers.create().on("trial.cancelled", TrialCancelled.class, this::apply);
    }

    private Uni<Void> apply(TrialCancelled cancelled) {
        attempts.computeIfAbsent(cancelled.trialId(), id -> new AtomicInteger()).incrementAndGet();
        AtomicInteger failures = failTransiently.get(cancelled.trialId());
        if (failures != null && failures.getAndDecrement() > 0) {
            return Uni.createFrom().failure(new IllegalStateException("connection refused (PostgreSQL restarting)"));
        }
        if (refuse.contains(cancelled.trialId())) {
            return Uni.createFrom().failure(new RuleViolationException("trial " + cancelled.trialId() + " was never started here"));
        }
        Uni<Void> appended = appendEvent.contains(cancelled.trialId())
                ? outbox.append(org.itpump.chassis.outbox.RelayFixture.trialCancelled(json, cancelled.pathwayId(), "MRN-0042"))
                : Uni.createFrom().voidItem();
        if (stillManaged.containsKey(cancelled.trialId())) {
            appended = appended.chain(Panache::getSession).invoke(session -> {
                        List<org.itpump.chassis.timer.DueTimer> earlier;
                        synchronized (scheduled) {
                            earlier = new java.util.ArrayList<>(scheduled);
                        }
                        stillManaged.put(cancelled.trialId(), (int) earlier.stream().filter(session::contains).count());
                    })
                    .chain(() -> timers.schedule("chassis-test.probe", cancelled.trialId(), "probe",
                            java.time.Instant.parse("2099-01-01T00:00:00Z")))
                    .invoke(scheduled::add).replaceWithVoid();
        }
        return appended.chain(Panache::getSession)
                .chain(session -> session.createNativeQuery("select txid_current()", Long.class).getSingleResult())
                .invoke(transaction -> {
                    transactions.put(cancelled.trialId(), transaction);
                    order.add(cancelled.trialId());
                    applied.computeIfAbsent(cancelled.trialId(), id -> new AtomicInteger()).incrementAndGet();
                })
                .replaceWithVoid();
    }

    int applied(UUID trialId) {
        AtomicInteger count = applied.get(trialId);
        return count == null ? 0 : count.get();
    }

    int attempts(UUID trialId) {
        AtomicInteger count = attempts.get(trialId);
        return count == null ? 0 : count.get();
    }

    @Incoming("trial-events")
    public Uni<Void> onTrialEvent(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers);
    }
}
