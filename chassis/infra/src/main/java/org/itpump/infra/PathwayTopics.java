package org.itpump.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates every topic of contracts/asyncapi.yaml before the services start, so that consumers find their
 * topics and the partition count is chosen, not left to auto-creation. (Kubernetes: Strimzi KafkaTopics.)
 */
public final class PathwayTopics {

    private static final Pattern ADDRESS = Pattern.compile("^\\s+address:\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final int PARTITIONS = 3;

    private PathwayTopics() {
    }

    public static Set<String> names() {
        try (InputStream in = PathwayTopics.class.getResourceAsStream("/itpump-contracts/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("itpump-contracts/asyncapi.yaml is not on the classpath");
            }
            Matcher addresses = ADDRESS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return addresses.results().map(match -> match.group(1)).collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public static void ensure(String bootstrapServers) {
        short replication = 1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names().stream().filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, PARTITIONS, replication)).toList();
            for (var created : admin.createTopics(missing).values().values()) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the pathway topics on " + bootstrapServers, e);
        }
    }
}
