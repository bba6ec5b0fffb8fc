package org.itpump.chassis.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.events.EventContracts;

import java.util.List;

/** Turns a Kafka message into an {@link InboundEvent}, or says precisely why it is poison. */
@ApplicationScoped
public class InboundEventReader {

    private final EventContracts contracts;
    private final ObjectMapper mapper;

    InboundEventReader(EventContracts contracts, ObjectMapper mapper) {
        this.contracts = contracts;
        this.mapper = mapper;
    }

    public InboundEvent read(Message<?> message) {
        @SuppressWarnings("unchecked")
        IncomingCloudEventMetadata<Object> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new PoisonEventException(
                        "not a CloudEvent: binary-mode headers ce_specversion, ce_id, ce_type and ce_source are required"));
        String type = cloudEvent.getType();
        if (!contracts.knows(type)) {
            throw new PoisonEventException("unknown event type '" + type + "'");
        }
        if (cloudEvent.getSubject().isEmpty()) {
            throw new PoisonEventException(type + " has no ce_subject (the pathway id)");
        }
        JsonNode payload = parse(type, message.getPayload());
        List<String> violations = contracts.violations(type, payload);
        if (!violations.isEmpty()) {
            throw new PoisonEventException(type + " fails its schema: " + String.join("; ", violations));
        }
        return new InboundEvent(cloudEvent.getId(), type, cloudEvent.getSource().toString(),
                cloudEvent.getSubject().get(), cloudEvent.getTimeStamp().orElse(null), payload);
    }

    private JsonNode parse(String type, Object value) {
        if (!(value instanceof String json) || json.isBlank()) {
            throw new PoisonEventException(type + " has an empty payload");
        }
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new PoisonEventException(type + " payload is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(type + " payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
