package org.itpump.chassis.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.deadletter.DeadLetterViews.Address;
import org.itpump.chassis.deadletter.DeadLetterViews.DeadLetter;
import org.itpump.chassis.deadletter.DeadLetterViews.Redrive;
import org.itpump.chassis.deadletter.DeadLetterViews.RedriveAnswer;
import org.itpump.chassis.deadletter.DeadLetterViews.RedriveRequest;
import org.itpump.chassis.deadletter.DeadLetterViews.Redriven;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lists the service's dead letters and publishes chosen ones again, after a fix, into the topic they were
 * consumed from: same key, same value, same headers (ce_*, content-type, traceparent, ...) except the
 * dead-letter-* ones, plus {@value #REDRIVE_OF} naming the dead letter. The producer waits for all in-sync
 * replicas and is idempotent. Each redrive is a row of dead_letter_redrive (who, when, which record, why),
 * written only after the broker's ack; a record redriven before is refused unless forced (its consumers' inboxes
 * drop an event they already applied). Concurrent redrives of one record are serialised by a PostgreSQL advisory
 * lock. Blocking (Kafka and JDBC): call it from a worker thread.
 *
 * <p>Every consumer of the original topic reads the redriven record; one that had applied the event already
 * drops it (its inbox knows the ce_id). The record lands after the pathway's newer events: a redrive restores a
 * refused event, it cannot restore its original position.
 */
@ApplicationScoped
@IfBuildProperty(name = "itpump.dead-letters.enabled", stringValue = "true", enableIfMissing = true)
public class DeadLetterRedrive {

    /** Header of a redriven record: the dead letter it came from, {@code <dlq>@<partition>:<offset>}. */
    public static final String REDRIVE_OF = "itpump-redrive-of";
    private static final String DEAD_LETTER_HEADERS = "dead-letter-";
    private static final int MAX_REASON = 1000;

    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class);
    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended(?, 0))";
    private static final String REDRIVES = """
            select dead_letter_offset, redriven_at, redriven_by, reason, forced from dead_letter_redrive
            where dead_letter_topic = ? and dead_letter_partition = ? and dead_letter_offset = any (?)
            order by redriven_at, id""";
    private static final String INSERT = """
            insert into dead_letter_redrive (id, dead_letter_topic, dead_letter_partition, dead_letter_offset,
                original_topic, event_id, event_type, republished_partition, republished_offset, redriven_at,
                redriven_by, reason, forced)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final DeadLetterTopic deadLetters;
    private final DataSource database;
    private final Clock clock;
    private final Map<String, Object> kafka;
    private final Config config;
    private final Duration ackTimeout;
    private final MeterRegistry meters;
    private KafkaProducer<byte[], byte[]> producer;

    DeadLetterRedrive(DeadLetterTopic deadLetters, DataSource database, Clock clock,
                      @Identifier("default-kafka-broker") Map<String, Object> kafka, Config config, MeterRegistry meters,
                      @ConfigProperty(name = "itpump.dead-letters.ack-timeout", defaultValue = "30s") Duration ackTimeout) {
        this.meters = meters;
        this.deadLetters = deadLetters;
        this.database = database;
        this.clock = clock;
        this.kafka = kafka;
        this.config = config;
        this.ackTimeout = ackTimeout;
    }

    /** A page of dead letters (see {@link DeadLetterTopic#read}) with their redrives. */
    public DeadLetterViews.Page list(Optional<Integer> partition, long fromOffset, int limit) {
        DeadLetterTopic.Page page = deadLetters.read(partition, fromOffset, limit);
        Map<Address, List<Redrive>> redrives = inTransaction(connection -> redrives(connection,
                page.records().stream().map(DeadLetterRedrive::address).toList()));
        List<DeadLetter> views = page.records().stream().map(record -> {
            List<Redrive> done = redrives.getOrDefault(address(record), List.of());
            return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                    header(record, "dead-letter-topic"), number(header(record, "dead-letter-partition"), Integer::valueOf),
                    number(header(record, "dead-letter-offset"), Long::valueOf), reason(record),
                    header(record, "ce_id"), header(record, "ce_type"), header(record, "ce_subject"), !done.isEmpty(), done);
        }).toList();
        return new DeadLetterViews.Page(deadLetters.name(), views, page.next());
    }

    /**
     * Publishes the chosen dead letters again. 404 ({@link UnknownDeadLettersException}) when one is not in the
     * topic; 422 when one does not say where it came from or came from a topic this service does not consume;
     * 409 when one was redriven before and {@code force} is not set; 503 ({@link RedriveFailedException}) when
     * the broker does not acknowledge (those acknowledged are recorded and named).
     */
    public RedriveAnswer redrive(RedriveRequest request, String actor) {
        Set<Address> chosen = new TreeSet<>(request.deadLetters());
        Map<Address, ConsumerRecord<byte[], byte[]>> found = deadLetters.find(chosen);
        List<String> missing = chosen.stream().filter(address -> !found.containsKey(address))
                .map(address -> address.label(deadLetters.name())).toList();
        if (!missing.isEmpty()) {
            throw new UnknownDeadLettersException(missing);
        }
        Set<String> consumed = consumedTopics();
        List<String> refused = new ArrayList<>();
        found.forEach((address, record) -> {
            String origin = header(record, "dead-letter-topic");
            if (origin == null) {
                refused.add(address.label(deadLetters.name()) + " has no dead-letter-topic header: where it came from is unknown");
            } else if (!consumed.contains(origin)) {
                refused.add(address.label(deadLetters.name()) + " came from " + origin + ", a topic this service does not consume "
                        + consumed);
            }
        });
        if (!refused.isEmpty()) {
            throw new RuleViolationException("Cannot redrive: " + String.join("; ", refused), refused);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return inTransaction(connection -> publish(connection, request, actor, found, now));
    }

    private RedriveAnswer publish(Connection connection, RedriveRequest request, String actor,
                                  Map<Address, ConsumerRecord<byte[], byte[]>> found, Instant now) throws SQLException {
        for (Address address : found.keySet()) { // sorted: two operators' overlapping redrives cannot deadlock
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.setString(1, address.label(deadLetters.name()));
                lock.execute();
            }
        }
        Map<Address, List<Redrive>> before = redrives(connection, found.keySet());
        List<String> already = before.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> entry.getKey().label(deadLetters.name()) + " (" + describe(entry.getValue()) + ")").toList();
        if (!already.isEmpty() && !request.forced()) {
            throw new StateConflictException("Already redriven: " + String.join("; ", already)
                    + ". Send \"force\": true to publish again; consumers drop events they have applied.");
        }
        Map<Address, Future<RecordMetadata>> sent = new LinkedHashMap<>();
        found.forEach((address, record) -> sent.put(address, producer().send(republication(address, record))));
        List<Redriven> redriven = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<Address, Future<RecordMetadata>> entry : sent.entrySet()) {
            Address address = entry.getKey();
            ConsumerRecord<byte[], byte[]> record = found.get(address);
            boolean forced = !before.getOrDefault(address, List.of()).isEmpty();
            try {
                RecordMetadata ack = entry.getValue().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
                record(connection, address, record, ack, now, actor, request.reason(), forced);
                meters.counter("itpump.events.redriven", "topic", ack.topic()).increment();
                redriven.add(new Redriven(address.partition(), address.offset(), ack.topic(), header(record, "ce_id"),
                        header(record, "ce_type"), ack.partition(), ack.offset(), forced));
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                Throwable cause = notAcknowledged instanceof ExecutionException ? notAcknowledged.getCause() : notAcknowledged;
                failed.add(address.label(deadLetters.name()) + ": " + cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(address.label(deadLetters.name()) + ": interrupted");
            }
        }
        LOG.infof("Dead letters redriven by %s (%s): %s%s", actor, request.reason(),
                redriven.stream().map(done -> done.partition() + ":" + done.offset()).collect(Collectors.joining(", ")),
                failed.isEmpty() ? "" : "; not acknowledged: " + failed);
        if (!failed.isEmpty()) {
            connection.commit(); // what the broker acknowledged stays recorded
            throw new RedriveFailedException(failed, redriven);
        }
        return new RedriveAnswer(deadLetters.name(), now, actor, request.reason(), redriven);
    }

    private ProducerRecord<byte[], byte[]> republication(Address address, ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADERS) && !header.key().equals(REDRIVE_OF)) {
                headers.add(header.key(), header.value());
            }
        }
        headers.add(REDRIVE_OF, address.label(deadLetters.name()).getBytes(StandardCharsets.UTF_8));
        // No partition: the key (the pathway id) chooses it, as for the pathway's other events.
        return new ProducerRecord<>(header(record, "dead-letter-topic"), null, record.key(), record.value(), headers);
    }

    private void record(Connection connection, Address address, ConsumerRecord<byte[], byte[]> record, RecordMetadata ack,
                        Instant now, String actor, String reason, boolean forced) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, deadLetters.name());
            insert.setInt(3, address.partition());
            insert.setLong(4, address.offset());
            insert.setString(5, ack.topic());
            insert.setString(6, header(record, "ce_id"));
            insert.setString(7, header(record, "ce_type"));
            insert.setInt(8, ack.partition());
            insert.setLong(9, ack.offset());
            insert.setTimestamp(10, Timestamp.from(now));
            insert.setString(11, actor);
            insert.setString(12, reason);
            insert.setBoolean(13, forced);
            insert.executeUpdate();
        }
    }

    private Map<Address, List<Redrive>> redrives(Connection connection, Collection<Address> addresses)
            throws SQLException {
        Map<Integer, List<Long>> byPartition = new TreeMap<>();
        addresses.forEach(address -> byPartition.computeIfAbsent(address.partition(), p -> new ArrayList<>()).add(address.offset()));
        Map<Address, List<Redrive>> found = new HashMap<>();
        for (Map.Entry<Integer, List<Long>> partition : byPartition.entrySet()) {
            try (PreparedStatement query = connection.prepareStatement(REDRIVES)) {
                query.setString(1, deadLetters.name());
                query.setInt(2, partition.getKey());
                query.setArray(3, connection.createArrayOf("bigint", partition.getValue().toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.computeIfAbsent(new Address(partition.getKey(), rows.getLong(1)), a -> new ArrayList<>())
                                .add(new Redrive(rows.getTimestamp(2).toInstant(), rows.getString(3), rows.getString(4),
                                        rows.getBoolean(5)));
                    }
                }
            }
        }
        return found;
    }

    /** The topics of this service's incoming channels: the only ones a dead letter may be redriven into. */
    Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        String prefix = "mp.messaging.incoming.";
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && name.endsWith(".connector")) {
                String channel = name.substring(prefix.length(), name.length() - ".connector".length());
                topics.add(config.getOptionalValue(prefix + channel + ".topic", String.class).orElse(channel));
            }
        }
        return topics;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.remove("group.id");
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, deadLetters.name() + "-redrive");
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ackTimeout.toMillis());
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout.toMillis());
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(ackTimeout.toMillis(), 10_000));
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private interface Work<T> {
        T in(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.in(connection);
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dead_letter_redrive: " + e.getMessage(), e);
        }
    }

    private static String describe(List<Redrive> redrives) {
        Redrive last = redrives.get(redrives.size() - 1);
        return redrives.size() + " time(s), last at " + last.redrivenAt() + " by " + last.redrivenBy();
    }

    private static Address address(ConsumerRecord<?, ?> record) {
        return new Address(record.partition(), record.offset());
    }

    /** The first header of that name: the dead-letter queue writes its own headers before the record's. */
    static String header(ConsumerRecord<?, ?> record, String name) {
        for (Header header : record.headers().headers(name)) {
            return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String reason(ConsumerRecord<?, ?> record) {
        String reason = header(record, "dead-letter-reason");
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }

    private static <N> N number(String text, Function<String, N> parse) {
        try {
            return text == null ? null : parse.apply(text.trim());
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}
