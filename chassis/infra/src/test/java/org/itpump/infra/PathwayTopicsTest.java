package org.itpump.infra;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PathwayTopicsTest {

    @Test
    void readsEveryTopicOfTheAsyncApiDocument() {
        Set<String> topics = PathwayTopics.names();
        assertTrue(topics.containsAll(Set.of("itpump.trial.events", "itpump.implant.events", "itpump.dosing.events",
                "itpump.followup.events", "itpump.implant-service.dlq")), topics.toString());
        assertTrue(topics.stream().allMatch(topic -> topic.startsWith("itpump.")), topics.toString());
    }
}
