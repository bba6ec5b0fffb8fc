package org.itpump.chassis.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The event contracts of {@code contracts/} as read from the classpath: which event types exist, the topic
 * each is published on (from {@code asyncapi.yaml}) and the JSON Schema its payload must satisfy.
 * Plain Java so that tests and tools can use it without a running service.
 */
public final class EventContracts {

    private static final String ROOT = "itpump-contracts/";

    private final Map<String, String> topicByType;
    private final Map<String, JsonSchema> schemaByType;
    private final Set<String> topics;
    private final Map<String, String> sourceByTopic;

    private EventContracts(Map<String, String> topicByType, Map<String, JsonSchema> schemaByType, Set<String> topics,
                           Map<String, String> sourceByTopic) {
        this.topicByType = Collections.unmodifiableMap(topicByType);
        this.schemaByType = Collections.unmodifiableMap(schemaByType);
        this.topics = Collections.unmodifiableSet(topics);
        this.sourceByTopic = Collections.unmodifiableMap(sourceByTopic);
    }

    public static EventContracts load() {
        JsonNode asyncApi = readYaml(ROOT + "asyncapi.yaml");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonNode messages = asyncApi.path("components").path("messages");
        Map<String, String> topicByType = new TreeMap<>();
        Map<String, JsonSchema> schemaByType = new TreeMap<>();
        Set<String> topics = new TreeSet<>();
        Map<String, String> sourceByTopic = new TreeMap<>();
        asyncApi.path("channels").forEach(channel -> {
            String topic = channel.path("address").asText();
            topics.add(topic);
            if (channel.hasNonNull("x-itpump-source")) {
                sourceByTopic.put(topic, channel.get("x-itpump-source").asText());
            }
            channel.path("messages").forEach(ref -> {
                JsonNode message = messages.path(ref.path("$ref").asText().replace("#/components/messages/", ""));
                String schemaRef = message.path("payload").path("schema").path("$ref").asText(null);
                if (schemaRef == null) {
                    return; // dead letters carry whatever arrived: no event type of their own
                }
                String type = message.path("name").asText();
                topicByType.put(type, topic);
                try (InputStream schema = open(ROOT + schemaRef.replace("./", ""))) {
                    schemaByType.put(type, factory.getSchema(schema, config));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
        return new EventContracts(topicByType, schemaByType, topics, sourceByTopic);
    }

    public boolean knows(String type) {
        return schemaByType.containsKey(type);
    }

    public Set<String> eventTypes() {
        return topicByType.keySet();
    }

    /** Every topic in asyncapi.yaml, dead-letter topics included. */
    public Set<String> topics() {
        return topics;
    }

    public String topicOf(String type) {
        return Optional.ofNullable(topicByType.get(type))
                .orElseThrow(() -> new IllegalArgumentException("No contract for event type " + type));
    }

    /**
     * The ce_source every event on this topic must carry ({@code x-itpump-source} of its channel in
     * asyncapi.yaml, e.g. {@code urn:itpump:trial-service}); empty for a topic every service writes (audit).
     */
    public Optional<String> sourceOf(String topic) {
        return Optional.ofNullable(sourceByTopic.get(topic));
    }

    /** What is wrong with a payload for this type; empty when it satisfies the schema. Producers use this. */
    public List<String> violations(String type, JsonNode payload) {
        return violations(type, payload, property -> true);
    }

    /**
     * The same for a consumer that reads only some properties (a tolerant reader): a value outside an enum
     * of a top-level property the consumer does not read is not its concern, so it is not a violation. A
     * producer may add enum values that older consumers never look at. Every other rule still applies.
     *
     * @param reads whether the consumer reads a top-level property of the payload
     */
    public List<String> violations(String type, JsonNode payload, Predicate<String> reads) {
        JsonSchema schema = schemaByType.get(type);
        if (schema == null) {
            return List.of("unknown event type '" + type + "'");
        }
        return schema.validate(payload).stream()
                .filter(violation -> !"enum".equals(violation.getType()) || reads.test(topLevelProperty(violation)))
                .map(ValidationMessage::getMessage).sorted().toList();
    }

    private static String topLevelProperty(ValidationMessage violation) {
        JsonNodePath at = violation.getInstanceLocation();
        return at.getNameCount() == 0 ? "" : at.getName(0);
    }

    private static JsonNode readYaml(String resource) {
        try (InputStream in = open(resource)) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            in = EventContracts.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IOException("Contract resource not on the classpath: " + resource);
        }
        return in;
    }
}
