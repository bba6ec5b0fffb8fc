package org.itpump.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kustomize base holds copies of the Deployment and Service that quarkus-kubernetes generates for each service
 * when it is packaged (this module builds after the services, the console and the gateway). A configuration change
 * that is not copied with deploy/kubernetes/generate.sh would deploy something other than what the build describes.
 */
class GeneratedManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Path.of(System.getProperty("itpump.root", "../..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"trial-service", "implant-service", "dosing-service", "followup-service", "ops-console",
            "integration-gateway"})
    void kustomizeBaseHoldsWhatQuarkusKubernetesGenerated(String service) throws IOException {
        Path generated = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        Path committed = ROOT.resolve("deploy/kubernetes/base/services").resolve(service).resolve("kubernetes.yml");
        assertTrue(Files.isRegularFile(generated), generated + " is missing: package the service first (./mvnw package)");
        assertTrue(Files.isRegularFile(committed), committed + " is missing: run deploy/kubernetes/generate.sh");
        // Compared as YAML documents: the generator does not keep the order of labels, nor of a container's ports
        // (http, management), nor of an init container's environment, from one build to the next; lists of named
        // ports and of environment variables (none refers to another with $(NAME)) are compared sorted by name.
        assertEquals(documents(generated), documents(committed),
                committed + " differs from what quarkus-kubernetes generates: run deploy/kubernetes/generate.sh and commit");
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> all = docs.readAll();
            all.forEach(GeneratedManifestsTest::sortNamedLists);
            return all;
        }
    }

    private static void sortNamedLists(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : new String[]{"ports", "env"}) {
                sortByName(object.get(field));
            }
            object.forEach(GeneratedManifestsTest::sortNamedLists);
        } else if (node instanceof ArrayNode array) {
            array.forEach(GeneratedManifestsTest::sortNamedLists);
        }
    }

    private static void sortByName(JsonNode named) {
        if (named instanceof ArrayNode list) {
            List<JsonNode> sorted = new ArrayList<>();
            list.forEach(sorted::add);
            sorted.sort(Comparator.comparing(item -> item.path("name").asText()));
            list.removeAll();
            list.addAll(sorted);
        }
    }
}
