package org.itpump.chassis.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.audit.AuditRecorder;
import org.itpump.chassis.audit.AuditScope;
import org.itpump.chassis.audit.AuditUnavailableException;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.outbox.OutboxRelay;
import org.itpump.chassis.tracing.PathwayTraces;
import org.itpump.chassis.problem.ClinicalRuleException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way every service consumes an event: read and check it ({@link InboundEventReader}), then apply its
 * handler and record it in the inbox in one transaction. What happens to a failure depends on its kind:
 * <ul>
 *   <li>poison (unreadable, forged, failing its schema, unknown type, refused by a clinical rule): to the
 *   channel's dead-letter topic with the reason (a nack), and the channel goes on;</li>
 *   <li>{@link AwaitingStateException}: held and retried with back-off for {@code itpump.inbox.hold-for} (5 min), then
 *   dead-lettered;</li>
 *   <li>anything else (PostgreSQL or Kafka down, timeouts, serialization failures, a bug): retried without
 *   limit with back-off up to {@code itpump.inbox.max-back-off}. The partition waits; nothing valid is
 *   dead-lettered because infrastructure failed. {@code itpump_inbox_retrying} counts the events waiting so.</li>
 * </ul>
 * A channel consumed in batches ({@link #processBatch}) applies all the events of one poll in one transaction, and
 * falls back to the path above, record by record, only when that transaction fails.
 */
@ApplicationScoped
public class InboundEventProcessor {

    private static final Logger LOG = Logger.getLogger(InboundEventProcessor.class);
    static final int DATABASE_REFUSALS = 3;

    private final InboundEventReader reader;
    private final Inbox inbox;
    private final AuditRecorder audit;
    private final OutboxRelay relay;
    private final Outbox outbox;
    private final PathwayTraces traces;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final String service;
    private final Duration maxBackOff;
    private final Duration holdFor;
    private final AtomicInteger retrying = new AtomicInteger();
    private volatile boolean stopping;

    InboundEventProcessor(InboundEventReader reader, Inbox inbox, AuditRecorder audit, OutboxRelay relay, Outbox outbox,
                          PathwayTraces traces,
                          ObjectMapper mapper, MeterRegistry meters,
                          @ConfigProperty(name = "quarkus.application.name") String service, InboxSettings settings) {
        this.reader = reader;
        this.inbox = inbox;
        this.audit = audit;
        this.relay = relay;
        this.outbox = outbox;
        this.traces = traces;
        this.mapper = mapper;
        this.meters = meters;
        this.service = service;
        this.maxBackOff = settings.maxBackOff();
        this.holdFor = settings.holdFor();
        Gauge.builder("itpump.inbox.retrying", retrying, AtomicInteger::get)
                .description("Consumed events whose effect failed and is being retried (their partition waits)")
                .register(meters);
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /**
     * Consumes one record as this service: the inbox's consumer name is {@code quarkus.application.name}, so an
     * event is applied once per service whichever of its replicas reads it.
     */
    public Uni<Void> process(Message<?> message, EventHandlers handlers) {
        String consumer = service;
        InboundEventReader.Envelope envelope;
        try {
            envelope = reader.envelope(message);
        } catch (PoisonEventException poison) {
            return deadLetter(message, poison);
        }
        var handler = handlers.find(envelope.type());
        if (handler.isEmpty()) {
            return Uni.createFrom().completionStage(message.ack()); // a known fact this consumer does not need
        }
        InboundEvent event;
        try {
            event = reader.event(envelope, message.getPayload(), handler.get().reads());
        } catch (PoisonEventException poison) {
            return deadLetter(message, poison);
        }
        long started = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        return apply(consumer, event, handler.get())
                .onFailure(failure -> retryable(failure, started, attempts)).invoke(failure -> retrying(event, failure, attempts))
                .onFailure(failure -> retryable(failure, started, attempts))
                .retry().withBackOff(Duration.ofMillis(100), maxBackOff).indefinitely()
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (attempts.get() > 0) {
                        retrying.decrementAndGet();
                    }
                    if (failure == null) {
                        relay.wake(); // its events published right after the commit
                        return consumed(message, consumer, event.type());
                    }
                    if (stopping && !(failure instanceof PoisonEventException || failure instanceof AwaitingStateException)) {
                        return Uni.createFrom().nothing(); // neither applied nor refused: redelivered after the restart
                    }
                    if (failure instanceof AwaitingStateException waiting) {
                        return deadLetter(message, new PoisonEventException(event.type() + " held for " + holdFor
                                + " and the state it needs never came: " + waiting.getMessage(), waiting));
                    }
                    return deadLetter(message, refusedByDatabase(failure)
                            .<Throwable>map(state -> new PoisonEventException(event.type() + " refused by the database"
                                    + " (SQLSTATE " + state + ") in " + attempts.get() + " attempts: " + failure.getMessage(), failure))
                            .orElse(failure));
                });
    }

    /**
     * Consumes one poll's records (a channel with {@code batch=true}) as this service, in one transaction:
     * <ol>
     *   <li>each record's headers are read; a type this consumer does not handle is skipped (not parsed, not
     *   validated, no inbox row); an unreadable record is dead-lettered alone with its reason, as in
     *   {@link #process};</li>
     *   <li>the events it handles are applied in the batch's order (Kafka's offset order per partition, so per
     *   pathway), each with its inbox row (idempotent per record) and its audit row, in ONE transaction;</li>
     *   <li>should that transaction fail for any reason (a poison event refused by a rule, an event awaiting its
     *   state, PostgreSQL down), it is rolled back whole and the same events go through {@link #process} one by one,
     *   in order: poison is dead-lettered alone, the rest applied, transient failures retried. Nothing of the failed
     *   transaction remains, so nothing is applied twice;</li>
     *   <li>the batch is acknowledged (its last offset per partition) once every record has been applied, skipped
     *   or dead-lettered.</li>
     * </ol>
     * The pathway's trace follows each record's own {@code traceparent} header (a batch has no single current span).
     */
    public Uni<Void> processBatch(Message<? extends List<?>> batch, EventHandlers handlers) {
        List<Message<?>> records = records(batch);
        // an acknowledgement or a dead letter completes on its record's own context, where Hibernate Reactive may not
        // run: every step after one comes back to the batch's context
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Executor back = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        List<Uni<Void>> deadLetters = new ArrayList<>();
        List<Pending<?>> pending = new ArrayList<>();
        for (Message<?> record : records) {
            InboundEventReader.Envelope envelope;
            try {
                envelope = reader.envelope(record);
            } catch (PoisonEventException poison) {
                deadLetters.add(deadLetter(record, poison));
                continue;
            }
            var handler = handlers.find(envelope.type());
            if (handler.isEmpty()) {
                continue; // a known fact this consumer does not need: acknowledged with the batch
            }
            try {
                pending.add(pending(record, reader.event(envelope, record.getPayload(), handler.get().reads()),
                        handler.get()));
            } catch (PoisonEventException poison) {
                deadLetters.add(deadLetter(record, poison));
            }
        }
        Uni<Void> deadLettered = deadLetters.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(deadLetters).onItem().transformToUniAndConcatenate(uni -> uni)
                        .collect().last().replaceWithVoid().emitOn(back);
        return deadLettered
                .chain(() -> pending.isEmpty() ? Uni.createFrom().voidItem() : applyAll(pending, handlers, back))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** A readable event of a handled type, waiting to be applied in its batch. */
    private record Pending<T>(Message<?> record, InboundEvent event, EventHandlers.Handler<T> handler, T payload,
                              String traceparent, PoisonEventException unreadable) {
    }

    private <T> Pending<T> pending(Message<?> record, InboundEvent event, EventHandlers.Handler<T> handler) {
        String traceparent = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getHeaders().lastHeader("traceparent"))
                .map(header -> header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8))
                .orElse(null);
        try {
            return new Pending<>(record, event, handler, mapper.treeToValue(event.payload(), handler.payloadType()),
                    traceparent, null);
        } catch (JsonProcessingException e) {
            return new Pending<>(record, event, handler, null, traceparent, new PoisonEventException(
                    event.type() + " payload cannot be read: " + e.getOriginalMessage(), e));
        }
    }

    private Uni<Void> applyAll(List<Pending<?>> pending, EventHandlers handlers, Executor back) {
        if (pending.stream().anyMatch(item -> item.unreadable() != null)) {
            return oneByOne(pending, handlers, back); // the unreadable one is dead-lettered there, in its place
        }
        String consumer = service;
        // set-based where the batch allows it (issue 17): the inbox rows in one statement, the traces of pathways with
        // one event in the batch in one, the outbox rows of all its events in one, before the commit; per event only
        // its handler's own statements and its audit row
        List<InboundEvent> events = pending.stream().<InboundEvent>map(Pending::event).toList();
        Map<String, Integer> eventsPerPathway = new HashMap<>();
        events.forEach(event -> eventsPerPathway.merge(String.valueOf(event.pathwayId()), 1, Integer::sum));
        // the audit rows are gathered and written last: the chain head is then taken after every pathway and row lock
        // of the batch, as in any other transaction (see AuditRecorder#gathered)
        return Panache.withTransaction(() -> outbox.gathered(() -> audit.gathered(() -> inbox.firstDeliveries(consumer, events)
                .call(first -> {
                    Map<String, String> traced = new LinkedHashMap<>();
                    for (int i = 0; i < pending.size(); i++) {
                        Pending<?> item = pending.get(i);
                        if (first.get(i) && item.traceparent() != null && item.event().pathwayId() != null
                                && eventsPerPathway.get(item.event().pathwayId()) == 1) {
                            traced.put(item.event().pathwayId(), item.traceparent());
                        }
                    }
                    return traces.followAll(traced);
                })
                .chain(first -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int i = 0; i < pending.size(); i++) {
                        int index = i;
                        if (!first.get(i)) {
                            continue; // applied before: no second effect
                        }
                        Pending<?> item = pending.get(i);
                        boolean ownTrace = item.event().pathwayId() != null
                                && eventsPerPathway.get(item.event().pathwayId()) > 1; // its trace at its own turn
                        chain = chain.chain(() -> applyInBatch(item, ownTrace)
                                .onFailure().transform(failure -> new FailedInBatch(index, failure)));
                    }
                    return chain;
                }))))
                .invoke(relay::wake) // its events published right after the commit
                .invoke(() -> pending.forEach(item -> meters.counter("itpump.events.consumed",
                        "consumer", consumer, "type", item.event().type()).increment()))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof FailedInBatch failed && failed.getCause() instanceof PoisonEventException poison) {
                        // refused by a rule: that record alone is dead-lettered (not tried again), the rest applied together
                        List<Pending<?>> rest = new ArrayList<>(pending);
                        Pending<?> refused = rest.remove(failed.index);
                        return deadLetter(refused.record(), poison).emitOn(back)
                                .chain(() -> rest.isEmpty() ? Uni.createFrom().voidItem() : applyAll(rest, handlers, back));
                    }
                    LOG.debugf("Batch of %d events not applied together (%s): applying them one by one",
                            pending.size(), failure);
                    return oneByOne(pending, handlers, back); // retries, holds and database refusals per record, in order
                });
    }

    /** The failure of the batch's {@code index}th event, which rolled the batch's transaction back. */
    private static final class FailedInBatch extends RuntimeException {
        final int index;

        FailedInBatch(int index, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
        }
    }

    /** A first delivery's effect in its batch's transaction (its inbox row is written; its trace too unless ownTrace). */
    private <T> Uni<Void> applyInBatch(Pending<T> item, boolean ownTrace) {
        InboundEvent event = item.event();
        return Uni.createFrom().voidItem().invoke(AuditScope::openForSystem)
                .chain(() -> ownTrace ? traces.follow(event.pathwayId(), item.traceparent()) : Uni.createFrom().voidItem())
                .chain(() -> item.handler().action().apply(event, item.payload()))
                .chain(() -> audited(item.handler(), event))
                .chain(InboundEventProcessor::flushAndForget)
                .onFailure(ClinicalRuleException.class)
                .transform(refused -> new PoisonEventException(event.type() + " refused: " + refused.getMessage(), refused));
    }

    /**
     * Writes the event's changes and empties the session before the batch's next event: every flush (and every query,
     * which flushes first) cascades over all the entities the session manages, so a session that kept a batch's 500
     * cases made its batch quadratic (issue 17's drain profile: Hibernate Reactive's Cascade in 15 % of implant-service's
     * samples). The next event loads what it needs again, its pathway's earlier changes included (flushed).
     */
    private static Uni<Void> flushAndForget() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    /** The records of the batch, each acknowledged or dead-lettered on its own, in order. */
    private Uni<Void> oneByOne(List<Pending<?>> pending, EventHandlers handlers, Executor back) {
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(item -> process(item.record(), handlers).emitOn(back))
                .collect().last().replaceWithVoid();
    }

    private static List<Message<?>> records(Message<? extends List<?>> batch) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<Object, Object> metadata = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record batch (batch=true on the channel?)"));
        return metadata.getBatchedMessages();
    }

    private boolean retryable(Throwable failure, long startedNanos, AtomicInteger attempts) {
        if (failure instanceof PoisonEventException || stopping) {
            return false;
        }
        if (failure instanceof AuditUnavailableException) {
            return true; // not the event's fault: it waits until its effect can be audited
        }
        if (refusedByDatabase(failure).isPresent()) {
            return attempts.get() < DATABASE_REFUSALS; // a race resolves at once; the event's own data does not
        }
        return !(failure instanceof AwaitingStateException)
                || Duration.ofNanos(System.nanoTime() - startedNanos).compareTo(holdFor) < 0;
    }

    /**
     * The SQLSTATE when PostgreSQL refused the event's data: class 22 (data exception) or 23 (integrity
     * constraint violation). Unlike a lost connection or a serialization failure (classes 08, 40, 53, 57), these
     * repeat for the same data: after {@value #DATABASE_REFUSALS} attempts the event is poison.
     */
    static java.util.Optional<String> refusedByDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = cause instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : cause instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() : null;
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return java.util.Optional.of(state);
            }
        }
        return java.util.Optional.empty();
    }

    private void retrying(InboundEvent event, Throwable failure, AtomicInteger attempts) {
        int attempt = attempts.incrementAndGet();
        if (attempt == 1) {
            retrying.incrementAndGet();
        }
        if (attempt == 1 || Integer.bitCount(attempt) == 1) { // 1, 2, 4, 8, ... : visible, not a flood
            LOG.warnf("%s %s not applied yet (attempt %d, retried with back-off): %s", event.type(), event.id(),
                    attempt, failure);
        }
    }

    private <T> Uni<Void> apply(String consumer, InboundEvent event, EventHandlers.Handler<T> handler) {
        T payload;
        try {
            payload = mapper.treeToValue(event.payload(), handler.payloadType());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new PoisonEventException(
                    event.type() + " payload cannot be read: " + e.getOriginalMessage(), e));
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(consumer, event)
                        .chain(first -> first
                                ? Uni.createFrom().voidItem().invoke(AuditScope::openForSystem)
                                        .chain(() -> traces.follow(event.pathwayId()))
                                        .chain(() -> handler.action().apply(event, payload))
                                        // its audit row commits with the effect and the inbox row, as system:<service>
                                        .chain(() -> audited(handler, event))
                                : Uni.createFrom().voidItem()))
                .onFailure(ClinicalRuleException.class)
                .transform(refused -> new PoisonEventException(
                        event.type() + " refused: " + refused.getMessage(), refused));
    }

    /** The event's audit row, unless its handler copies audit records ({@link EventHandlers#onUnaudited}). */
    private Uni<Void> audited(EventHandlers.Handler<?> handler, InboundEvent event) {
        return handler.audited() ? audit.recordSystemChange("EVENT", event.type(),
                "event " + event.source() + " " + event.id(), event.payload()) : Uni.createFrom().voidItem();
    }

    private Uni<Void> consumed(Message<?> message, String consumer, String type) {
        meters.counter("itpump.events.consumed", "consumer", consumer, "type", type).increment();
        return Uni.createFrom().completionStage(message.ack());
    }

    private Uni<Void> deadLetter(Message<?> message, Throwable reason) {
        LOG.warnf("Dead-lettering event: %s", reason.getMessage());
        meters.counter("itpump.events.dead-lettered").increment();
        return Uni.createFrom().completionStage(message.nack(reason));
    }
}
