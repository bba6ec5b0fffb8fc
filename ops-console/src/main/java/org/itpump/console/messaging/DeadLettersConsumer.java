package org.itpump.console.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.console.domain.DeadLetter;
import org.itpump.console.service.Projection;

import java.nio.charset.StandardCharsets;

/**
 * The services' dead-letter topics (itpump.&lt;service&gt;.dlq), for the dead-letter worklist: the metadata of each
 * record (reason, type, pathway, where it sits), never its payload. A dead letter is by definition not a valid
 * event, so it does not go through the inbox: its DLQ position is its identity.
 */
@ApplicationScoped
public class DeadLettersConsumer {

    private final Projection projection;

    DeadLettersConsumer(Projection projection) {
        this.projection = projection;
    }

    @Incoming("dead-letters")
    public Uni<Void> onDeadLetter(Message<String> message) {
        var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (metadata == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        Headers headers = metadata.getHeaders();
        String topic = metadata.getTopic();
        String service = topic.replaceFirst("^itpump\\.", "").replaceFirst("\\.dlq$", "");
        DeadLetter letter = new DeadLetter(service, topic, metadata.getPartition(), metadata.getOffset(),
                header(headers, "dead-letter-reason"), header(headers, "ce_type"), header(headers, "ce_subject"),
                metadata.getTimestamp());
        return projection.deadLettered(letter).chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
