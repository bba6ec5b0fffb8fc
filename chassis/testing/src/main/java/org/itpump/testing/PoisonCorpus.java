package org.itpump.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Records an integration engine, a buggy producer or an attacker could put on a consumed topic: every header
 * the CloudEvents binding defines broken in each way it can be (malformed, empty, null-valued, repeated, not
 * UTF-8, forged), structured mode, key / subject / payload disagreements and payloads broken as JSON or
 * against the schema, beside variants a tolerant reader must apply (an unknown field, an unknown value of an
 * enum the consumer does not read, a null-valued optional header, a malformed trace header).
 * Every record carries a {@value #VARIANT_HEADER} header naming its variant and pathway, which the dead-letter
 * topic keeps.
 */
public final class PoisonCorpus {

    public static final String VARIANT_HEADER = "x-corpus-variant";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One record to send.
     *
     * @param pathwayId the pathway the record is about: an applied variant's effect is looked up by it
     * @param expectedReason for poison, a part of the dead-letter reason; null when the record must be applied
     */
    public record Variant(String name, String type, String pathwayId, String key, String value,
                          List<Header> headers, String expectedReason) {

        public boolean poison() {
            return expectedReason != null;
        }

        /** What its {@value #VARIANT_HEADER} header says: its name and pathway, unique across corpora. */
        public String label() {
            return name + " " + pathwayId;
        }
    }

    private PoisonCorpus() {
    }

    /**
     * The corpus for one consumed event type.
     *
     * @param topic       the topic the consumer reads
     * @param type        an event type of that topic which the consumer handles
     * @param payload     a valid payload of that type for a pathway id
     * @param unreadEnum  a top-level enum property of that type the consumer does not read
     * @param foreignType an event type of another topic (wrong topic)
     */
    public static List<Variant> of(String topic, String type, Function<String, String> payload, String unreadEnum,
                                   String foreignType) {
        List<Variant> corpus = new ArrayList<>();
        Builder b = new Builder(topic, type, payload, corpus);
        // ce_time: what the framework used to parse and fail the channel on
        b.poison("time-words", "ce_time", h -> h.put("ce_time", "yesterday-ish"));
        b.poison("time-out-of-range", "ce_time", h -> h.put("ce_time", "2026-13-45T99:00:00Z"));
        b.poison("time-without-offset", "ce_time", h -> h.put("ce_time", "2026-11-30T10:00:00"));
        b.poison("time-empty", "ce_time", h -> h.put("ce_time", ""));
        b.poison("time-epoch-number", "ce_time", h -> h.put("ce_time", "1764496800"));
        // ce_source: only the topic's owner may write it
        b.poison("source-foreign", "ce_source", h -> h.put("ce_source", "urn:itpump:someone-else"));
        b.poison("source-not-a-uri", "ce_source", h -> h.put("ce_source", "::not a uri::"));
        b.poison("source-null-valued", "ce_source is missing", h -> h.put("ce_source", null));
        b.poison("source-empty", "ce_source is empty", h -> h.put("ce_source", ""));
        // ce_specversion
        b.poison("specversion-0.3", "ce_specversion", h -> h.put("ce_specversion", "0.3"));
        b.poison("specversion-2.0", "ce_specversion", h -> h.put("ce_specversion", "2.0"));
        b.poison("specversion-missing", "ce_specversion is missing", h -> h.remove("ce_specversion"));
        // ce_id, ce_type, ce_subject
        b.poison("id-empty", "ce_id is empty", h -> h.put("ce_id", ""));
        b.poison("id-blank", "ce_id is empty", h -> h.put("ce_id", "   "));
        b.poison("id-missing", "ce_id is missing", h -> h.remove("ce_id"));
        b.poison("type-missing", "ce_type is missing", h -> h.remove("ce_type"));
        b.poison("type-unknown", "unknown event type", h -> h.put("ce_type", type + "-exploded"));
        b.poison("type-of-another-topic", "belongs on", h -> h.put("ce_type", foreignType));
        b.poison("subject-missing", "ce_subject is missing", h -> h.remove("ce_subject"));
        b.poison("subject-not-key", "differs from the record key", h -> h.put("ce_subject", UUID.randomUUID().toString()));
        b.poison("header-not-utf8", "not UTF-8", h -> h.put("ce_type", new String(new byte[]{(byte) 0xff, (byte) 0xfe},
                StandardCharsets.ISO_8859_1)), true);
        b.poisonRepeated("type-repeated-differently", "appears 2 times", "ce_type", foreignType);
        b.poison("no-cloud-event-headers", "not a CloudEvent", h -> h.keySet().removeIf(n -> n.startsWith("ce_")));
        // content type: structured mode and other media types
        b.poisonValue("structured-mode", "structured-mode", h -> h.put("content-type",
                "application/cloudevents+json; charset=UTF-8"), id -> "{\"specversion\":\"1.0\",\"id\":\"x\"");
        b.poison("content-type-text", "content-type", h -> h.put("content-type", "text/plain"));
        b.poison("content-type-latin1", "content-type", h -> h.put("content-type", "application/json; charset=ISO-8859-1"));
        // key, subject and payload must agree
        b.poisonKey("key-missing", "no record key", null);
        b.poisonValue("payload-other-pathway", "payload pathwayId", h -> { },
                id -> with(payload.apply(UUID.randomUUID().toString()), n -> { }));
        // payloads
        b.poisonValue("json-broken", "not valid JSON", h -> { }, id -> "{\"pathwayId\": ");
        b.poisonValue("json-trailing-data", "not valid JSON", h -> { }, id -> payload.apply(id) + " {}");
        b.poisonValue("json-duplicate-property", "not valid JSON", h -> { },
                id -> "{\"pathwayId\":\"" + id + "\"," + payload.apply(id).substring(1));
        b.poisonValue("json-array", "not a JSON object", h -> { }, id -> "[]");
        b.poisonValue("empty-value", "empty payload", h -> { }, id -> "");
        b.poisonValue("null-value", "empty payload", h -> { }, id -> null);
        b.poisonValue("schema-missing-required", "fails its schema", h -> { },
                id -> with(payload.apply(id), n -> n.remove("patientRef")));
        b.poisonValue("schema-wrong-type", "fails its schema", h -> { },
                id -> with(payload.apply(id), n -> n.put("patientRef", 42)));
        // a tolerant reader applies these
        b.applied("unknown-optional-field", h -> { }, id -> with(payload.apply(id), n -> n.put("addedByANewerProducer", "x")));
        b.applied("unknown-value-of-an-unread-enum", h -> { },
                id -> with(payload.apply(id), n -> n.put(unreadEnum, "A_VALUE_ADDED_LATER")));
        b.applied("time-null-valued", h -> h.put("ce_time", null), payload);
        b.applied("time-absent", h -> h.remove("ce_time"), payload);
        b.applied("traceparent-malformed", h -> h.put("traceparent", "00-not-a-trace-01"), payload);
        b.applied("content-type-absent", h -> h.remove("content-type"), payload);
        b.applied("content-type-with-utf8-charset", h -> h.put("content-type", "application/json; charset=utf-8"), payload);
        return corpus;
    }

    private static String with(String json, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Builder {
        private final String topic;
        private final String type;
        private final Function<String, String> payload;
        private final List<Variant> corpus;

        Builder(String topic, String type, Function<String, String> payload, List<Variant> corpus) {
            this.topic = topic;
            this.type = type;
            this.payload = payload;
            this.corpus = corpus;
        }

        void poison(String name, String reason, java.util.function.Consumer<Map<String, String>> change) {
            poison(name, reason, change, false);
        }

        void poison(String name, String reason, java.util.function.Consumer<Map<String, String>> change, boolean latin1) {
            add(name, reason, change, payload, true, latin1, null, null);
        }

        void poisonValue(String name, String reason, java.util.function.Consumer<Map<String, String>> change,
                         Function<String, String> value) {
            add(name, reason, change, value, true, false, null, null);
        }

        void poisonKey(String name, String reason, String key) {
            add(name, reason, h -> { }, payload, false, false, key, null);
        }

        void poisonRepeated(String name, String reason, String header, String secondValue) {
            add(name, reason, h -> { }, payload, true, false, null, new RecordHeader(header,
                    secondValue.getBytes(StandardCharsets.UTF_8)));
        }

        void applied(String name, java.util.function.Consumer<Map<String, String>> change, Function<String, String> value) {
            add(name, null, change, value, true, false, null, null);
        }

        private void add(String name, String reason, java.util.function.Consumer<Map<String, String>> change,
                         Function<String, String> value, boolean keyed, boolean latin1, String key, Header extra) {
            String pathwayId = UUID.randomUUID().toString();
            Map<String, String> headers = new LinkedHashMap<>(
                    EventSender.cloudEventHeaders(topic, UUID.randomUUID().toString(), type, pathwayId));
            change.accept(headers);
            List<Header> record = new ArrayList<>();
            headers.forEach((header, text) -> record.add(new RecordHeader(header, text == null ? null
                    : text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8))));
            if (extra != null) {
                record.add(extra);
            }
            record.add(new RecordHeader(VARIANT_HEADER, (name + " " + pathwayId).getBytes(StandardCharsets.UTF_8)));
            corpus.add(new Variant(name, type, pathwayId, keyed ? pathwayId : key, value.apply(pathwayId), record, reason));
        }
    }

    /**
     * Sends the whole corpus, then one valid event, to a running consumer, and asserts that each poison variant
     * reached the dead-letter topic with its reason, each other variant was applied, and the valid event sent
     * after them all was applied: no record stopped the channel.
     *
     * @param applied whether the consumer's effect for a pathway id is visible (e.g. a row read over REST)
     * @return the dead-letter reasons by variant, for a test's own further checks
     */
    public static Map<String, String> assertEachDeadLetteredOrApplied(String bootstrapServers, String topic,
                                                                      String deadLetterTopic, List<Variant> corpus,
                                                                      Function<String, String> validPayload,
                                                                      java.util.function.Predicate<String> applied) {
        try (EventSender sender = new EventSender(bootstrapServers);
             TopicProbe deadLetters = new TopicProbe(bootstrapServers, deadLetterTopic)) {
            corpus.forEach(v -> sender.send(topic, v.key(), v.value(), v.headers()));
            String after = UUID.randomUUID().toString();
            sender.sendCloudEvent(topic, UUID.randomUUID().toString(), corpus.get(0).type(), after,
                    validPayload.apply(after));
            Await.until(() -> applied.test(after), ok -> ok, "the valid event sent after the corpus to be applied");
            Map<String, String> reasons = new LinkedHashMap<>();
            List<String> wrong = new ArrayList<>();
            for (Variant v : corpus) {
                if (v.poison()) {
                    var record = deadLetters.await(r -> v.label().equals(TopicProbe.header(r, VARIANT_HEADER)),
                            java.time.Duration.ofSeconds(30));
                    String reason = TopicProbe.header(record, "dead-letter-reason");
                    reasons.put(v.name(), reason);
                    if (reason == null || !reason.contains(v.expectedReason())) {
                        wrong.add(v.name() + ": reason '" + reason + "' lacks '" + v.expectedReason() + "'");
                    }
                } else {
                    try { // records of other pathways may sit on other partitions, behind or ahead of the marker
                        Await.until(() -> applied.test(v.pathwayId()), ok -> ok, "variant " + v.name() + " to be applied");
                    } catch (AssertionError notApplied) {
                        wrong.add(v.name() + ": not applied");
                    }
                }
            }
            deadLetters.drain(java.time.Duration.ofMillis(500)).stream()
                    .map(r -> TopicProbe.header(r, VARIANT_HEADER))
                    .filter(label -> corpus.stream().anyMatch(v -> !v.poison() && v.label().equals(label)))
                    .forEach(name -> wrong.add(name + ": dead-lettered although valid"));
            if (!wrong.isEmpty()) {
                throw new AssertionError("Corpus variants handled wrongly:\n" + String.join("\n", wrong));
            }
            return reasons;
        }
    }
}
