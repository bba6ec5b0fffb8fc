package org.itpump.chassis.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.outbox.PathwayTraces;
import org.itpump.chassis.problem.ClinicalRuleException;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The one way every service consumes an event: read and validate it, then apply its handler and record it
 * in the inbox in one transaction. Poison goes to the channel's dead-letter topic (nack with the reason);
 * transient failures (database or broker trouble) are retried with back-off before that.
 */
@ApplicationScoped
public class InboundEventProcessor {

    private static final Logger LOG = Logger.getLogger(InboundEventProcessor.class);

    private final InboundEventReader reader;
    private final Inbox inbox;
    private final PathwayTraces traces;
    private final ObjectMapper mapper;
    private final int retries;
    private final MeterRegistry meters;

    InboundEventProcessor(InboundEventReader reader, Inbox inbox, PathwayTraces traces, ObjectMapper mapper,
                          MeterRegistry meters,
                          @ConfigProperty(name = "itpump.inbox.retries", defaultValue = "8") int retries) {
        this.reader = reader;
        this.inbox = inbox;
        this.traces = traces;
        this.mapper = mapper;
        this.retries = retries;
        this.meters = meters;
    }

    public Uni<Void> process(Message<?> message, String consumer, EventHandlers handlers) {
        InboundEvent event;
        try {
            event = reader.read(message);
        } catch (PoisonEventException poison) {
            return deadLetter(message, poison);
        }
        var handler = handlers.find(event.type());
        if (handler.isEmpty()) {
            return Uni.createFrom().completionStage(message.ack()); // a known fact this consumer does not need
        }
        return apply(consumer, event, handler.get())
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(retries)
                .onItemOrFailure().transformToUni((applied, failure) -> failure == null
                        ? consumed(message, consumer, event.type())
                        : deadLetter(message, failure));
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
                                ? traces.follow(event.pathwayId()).chain(() -> handler.action().apply(payload))
                                        .replaceWithVoid()
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
