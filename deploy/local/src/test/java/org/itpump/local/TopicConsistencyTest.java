package org.itpump.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.itpump.infra.PathwayTopics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Kafka topics are named in four places that must agree: contracts/asyncapi.yaml, the Strimzi KafkaTopic
 * manifests under deploy/kubernetes, the services' configuration (incoming channels, the chassis's dead-letter
 * topic pattern) and the outbox topics (one itpump.&lt;name&gt;.events per service).
 */
class TopicConsistencyTest {

    private static final List<String> SERVICES = List.of("trial-service", "implant-service", "dosing-service", "followup-service");
    /** Services beside the four pathway services: they consume pathway topics and own no itpump.&lt;name&gt;.events. */
    private static final List<String> READ_SIDE = List.of("ops-console", "integration-gateway");
    /** integration-gateway's standard messages for the engines (not pathway events, not through an outbox). */
    private static final Set<String> INTEGRATION_TOPICS = Set.of("itpump.integration.hl7v2", "itpump.integration.fhir-r4");
    private static final String DLQ_PROPERTY = "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Surefire runs in the module directory, deploy/local. */
    private static final Path ROOT = Path.of(System.getProperty("itpump.root", "../..")).toAbsolutePath().normalize();

    @Test
    void kubernetesTopicsAsyncApiAndServiceTopicsAreTheSameSet() throws IOException {
        Set<String> asyncApi = PathwayTopics.names();
        assertFalse(asyncApi.isEmpty(), "asyncapi.yaml names no topic");
        assertEquals(asyncApi, asyncApiAddresses(), "PathwayTopics.names() and the channels of contracts/asyncapi.yaml");
        assertEquals(asyncApi, kubernetesTopics(), "KafkaTopic manifests under deploy/kubernetes vs contracts/asyncapi.yaml");
        assertEquals(asyncApi, serviceTopics(asyncApi), "topics the services use vs contracts/asyncapi.yaml");
    }

    @Test
    void eachServicePublishesItsOwnEventTopic() {
        Set<String> outbox = PathwayTopics.names().stream().filter(topic -> !topic.endsWith(".dlq"))
                .filter(topic -> !INTEGRATION_TOPICS.contains(topic))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = Stream.concat(Stream.of("itpump.audit.events"), // every service's audit trail
                        SERVICES.stream().map(service -> "itpump." + service.replace("-service", "") + ".events"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, outbox, "outbox topics (the non-DLQ asyncapi topics): one itpump.<name>.events per service, and the audit topic");
    }

    private static Set<String> asyncApiAddresses() throws IOException {
        JsonNode channels = YAML.readTree(ROOT.resolve("contracts/asyncapi.yaml").toFile()).path("channels");
        Set<String> topics = new TreeSet<>();
        channels.forEach(channel -> topics.add(channel.path("address").asText()));
        return topics;
    }

    /** spec.topicName (or metadata.name) of every KafkaTopic in any YAML file under deploy/kubernetes. */
    private static Set<String> kubernetesTopics() throws IOException {
        Path dir = ROOT.resolve("deploy/kubernetes");
        Set<String> topics = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .filter(path -> !dir.relativize(path).toString().contains("node_modules")).sorted().toList();
        }
        for (Path file : files) {
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (docs.hasNextValue()) {
                    JsonNode doc = docs.nextValue();
                    if (doc != null && "KafkaTopic".equals(doc.path("kind").asText())
                            && doc.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                        String topicName = doc.path("spec").path("topicName").asText("");
                        topics.add(topicName.isEmpty() ? doc.path("metadata").path("name").asText() : topicName);
                    }
                }
            }
        }
        assertFalse(topics.isEmpty(), "no KafkaTopic under " + dir);
        return topics;
    }

    /**
     * Incoming channel topics ({@code topic} or a list in {@code topics}), the dead-letter topic of each consuming
     * service, the outgoing channel topics of the read side (the gateway's), and the outbox topics.
     */
    private static Set<String> serviceTopics(Set<String> asyncApi) throws IOException {
        String dlqPattern = properties(ROOT.resolve("chassis/core/src/main/resources/META-INF/microprofile-config.properties"))
                .getProperty(DLQ_PROPERTY);
        assertEquals("itpump.${quarkus.application.name}.dlq", dlqPattern, DLQ_PROPERTY + " in the chassis config");
        Set<String> topics = new TreeSet<>();
        for (String service : Stream.concat(SERVICES.stream(), READ_SIDE.stream()).toList()) {
            Properties config = properties(ROOT.resolve(service).resolve("src/main/resources/application.properties"));
            assertEquals(service, config.getProperty("quarkus.application.name"), "quarkus.application.name of " + service);
            Set<String> incoming = config.stringPropertyNames().stream()
                    .filter(name -> name.startsWith("mp.messaging.incoming.")
                            && (name.endsWith(".topic") || name.endsWith(".topics")))
                    .flatMap(name -> Stream.of(config.getProperty(name).split(","))).map(String::trim)
                    .collect(Collectors.toSet());
            config.stringPropertyNames().stream()
                    .filter(name -> name.startsWith("mp.messaging.outgoing.") && name.endsWith(".topic"))
                    .map(config::getProperty).forEach(topics::add);
            topics.addAll(incoming);
            if (!incoming.isEmpty()) {
                topics.add(dlqPattern.replace("${quarkus.application.name}", service));
            }
        }
        asyncApi.stream().filter(topic -> !topic.endsWith(".dlq")).forEach(topics::add);
        return topics;
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
