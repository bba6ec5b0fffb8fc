package org.itpump.chassis.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.audit.AuditRecorder;
import org.itpump.chassis.audit.AuditScope;
import org.itpump.chassis.audit.AuditUnavailableException;
import org.itpump.chassis.tracing.PathwayTraces;
import org.itpump.chassis.problem.ClinicalRuleException;
import org.jboss.logging.Logger;

import java.time.Duration;
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
 */
@ApplicationScoped
public class InboundEventProcessor {

    private static final Logger LOG = Logger.getLogger(InboundEventProcessor.class);
    static final int DATABASE_REFUSALS = 3;

    private final InboundEventReader reader;
    private final Inbox inbox;
    private final AuditRecorder audit;
    private final PathwayTraces traces;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final String service;
    private final Duration maxBackOff;
    private final Duration holdFor;
    private final AtomicInteger retrying = new AtomicInteger();
    private volatile boolean stopping;

    InboundEventProcessor(InboundEventReader reader, Inbox inbox, AuditRecorder audit, PathwayTraces traces,
                          ObjectMapper mapper, MeterRegistry meters,
                          @ConfigProperty(name = "quarkus.application.name") String service, InboxSettings settings) {
        this.reader = reader;
        this.inbox = inbox;
        this.audit = audit;
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
                                        .chain(() -> audit.recordSystemChange("EVENT", event.type(),
                                                "event " + event.source() + " " + event.id(), event.payload()))
                                : Uni.createFrom().voidItem()))
                .onFailure(ClinicalRuleException.class)
                .transform(refused -> new PoisonEventException(
                        event.type() + " refused: " + refused.getMessage(), refused));
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
