package org.itpump.chassis.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode, key = pathway id) and marks them
 * published only after the broker acknowledged them (acks=all, idempotent producer). It wakes on PostgreSQL
 * NOTIFY, which the outbox trigger sends when an inserting transaction commits, and polls as a fallback.
 * It is woken in process right after a transaction of this service commits ({@link PublishAfterCommit}), so a
 * committed row is claimed without waiting for the NOTIFY's round trip through PostgreSQL; the NOTIFY (other replicas'
 * commits) and the poll sweep whatever that path misses. Every path only wakes the one drain: the claim below, under
 * the publisher lock, in position order, stays the only way a row is sent.
 * A crash anywhere before the mark leaves the rows unpublished, so they are sent again: at-least-once,
 * and consumers' inboxes drop the duplicates.
 *
 * <h2>Why one pathway's events reach Kafka in the order they were committed</h2>
 * <ol>
 * <li><b>One publisher per database at a time.</b> Every replica runs a relay, but each drain transaction
 * first takes the PostgreSQL advisory lock {@link #PUBLISHER_LOCK} ({@code pg_try_advisory_xact_lock}; advisory
 * locks are scoped to the database, so each service's database has its own publisher). A relay that does not
 * get it publishes nothing. The lock is held until the batch's marks commit, and PostgreSQL makes a commit
 * visible before it releases the transaction's locks, so the next holder, on whichever replica, claims exactly
 * the rows after the last acknowledged ones. A dead holder's connection closes and its lock passes to the next
 * replica that polls (fail-over within one poll interval). No wake-up is lost to a refused lock: every replica
 * LISTENs, so the holder also hears the NOTIFY and drains again after its batch, and every replica polls.</li>
 * <li><b>Position order.</b> The holder claims the oldest unpublished rows by {@code position} (a sequence drawn
 * as each row is appended) and hands them to its one producer in that order.</li>
 * <li><b>Idempotent producer.</b> {@code enable.idempotence=true} and {@code acks=all}: the producer's own
 * retries neither duplicate nor reorder the records of one partition, and the pathway id as key puts all of
 * one pathway's events on one partition.</li>
 * <li><b>Acks before marking, and a definite outcome for each send.</b> A row is marked published only after its
 * ack. The relay waits for every send of a batch to be acknowledged or definitely failed (the producer's
 * {@code delivery.timeout.ms}, set for channel {@code outbox}) before it commits and releases the lock, so no
 * send of an earlier batch is still in flight when the next batch goes out, and a row is sent again only after
 * its previous send failed. An outage therefore adds no copies beyond a send whose ack was lost. After a
 * failure the relay probes with one row per drain, and publishes whole batches again once that row is acked.
 * {@code itpump.outbox.ack-timeout} is only a safety net above the producer's timeouts (checked at start); if it
 * ever expires, the relay leaves the batch's rows unpublished, marks the late acks itself, and claims nothing
 * until every send it made has its outcome.</li>
 * </ol>
 * A row that can never be published (over the broker's maximum message size, an invalid topic name, a value
 * that cannot be serialised) is <b>parked</b> ({@code parked_at}, {@code park_reason}), logged at ERROR once and
 * counted by the {@code itpump_outbox_parked} gauge; the rows behind it, including its own pathway's later
 * events, are published. Any other failure (broker down, not enough in-sync replicas, timeouts) is retriable:
 * the acknowledged rows of the batch are marked and the rest are claimed again by the next drain.
 * <p>
 * Where order can still bend: when the producer reports one record of a partition failed and a later one of the
 * same partition acked (a batch the broker refuses as too large is split by the producer; the chassis keeps
 * {@code max.request.size} below Kafka's default message limit so that an oversize record is refused before it
 * joins a batch), the failed one is sent again after the later one. Consumers hold an event that arrives before
 * the state it needs.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String NOTIFY_CHANNEL = "itpump_outbox";
    /** The advisory lock key of the single publisher: "itpump" in ASCII, then 1. Scoped to one database. */
    static final long PUBLISHER_LOCK = 0x6974_7075_6d70_0001L;
    private static final String LEAD = "select pg_try_advisory_xact_lock($1) as leader";
    // No skip locked: with the advisory lock nobody else holds these rows, and a claim that ever met a locked
    // row must wait for it rather than publish the rows behind it first.
    private static final String CLAIM = """
            select id, topic, type, subject, occurred_at, payload::text as payload, traceparent from outbox_event
            where published_at is null and parked_at is null order by position limit $1 for update""";
    private static final String MARK = "update outbox_event set published_at = now() where id = any($1) and published_at is null";
    private static final String PARK = """
            update outbox_event set parked_at = now(), park_reason = $2 where id = $1 and published_at is null""";
    private static final String BACKLOG = """
            select count(*) filter (where parked_at is null) as rows,
                   coalesce(extract(epoch from now() - min(occurred_at) filter (where parked_at is null)), 0) as age_seconds,
                   count(*) filter (where parked_at is not null) as parked
            from outbox_event where published_at is null""";

    private final Pool pool;
    private final Vertx vertx;
    private final Emitter<String> emitter;
    private final URI source;
    private final int batchSize;
    private final Duration ackTimeout;
    private final boolean listen;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicReference<Double> backlogAgeSeconds = new AtomicReference<>(0.0);
    private final AtomicLong parkedRows = new AtomicLong();
    private final MeterRegistry meters;
    private volatile boolean paused;
    /** After a failed send, drains claim one row until one is acknowledged (also at start: the broker may be down). */
    private volatile boolean probing = true;
    private PgSubscriber subscriber;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    OutboxRelay(Pool pool, Vertx vertx, MeterRegistry meters,
                @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                @ConfigProperty(name = "itpump.events.source") URI source, OutboxSettings settings,
                @ConfigProperty(name = "mp.messaging.outgoing.outbox.delivery.timeout.ms", defaultValue = "120000") long deliveryTimeoutMs,
                @ConfigProperty(name = "mp.messaging.outgoing.outbox.max.block.ms", defaultValue = "60000") long maxBlockMs) {
        this(pool, vertx, meters, emitter, source, settings.batchSize(), settings.ackTimeout(), deliveryTimeoutMs, maxBlockMs,
                settings.listen());
    }

    /** A relay of its own producer and settings (tests: a second replica's relay over the same database). */
    OutboxRelay(Pool pool, Vertx vertx, MeterRegistry meters, Emitter<String> emitter, URI source, int batchSize,
                Duration ackTimeout, long deliveryTimeoutMs, long maxBlockMs) {
        this(pool, vertx, meters, emitter, source, batchSize, ackTimeout, deliveryTimeoutMs, maxBlockMs, true);
    }

    private OutboxRelay(Pool pool, Vertx vertx, MeterRegistry meters, Emitter<String> emitter, URI source, int batchSize,
                        Duration ackTimeout, long deliveryTimeoutMs, long maxBlockMs, boolean listen) {
        // One send's outcome comes at most max.block.ms (waiting for metadata or buffer space) plus delivery.timeout.ms
        // after it is handed over, and the Kafka sink may try a retriable failure once more within delivery.timeout.ms.
        long outcomeWithinMs = 2 * deliveryTimeoutMs + maxBlockMs;
        if (ackTimeout.toMillis() <= outcomeWithinMs) {
            throw new IllegalStateException("itpump.outbox.ack-timeout (" + ackTimeout + ") must exceed twice the outbox"
                    + " producer's delivery.timeout.ms plus its max.block.ms (" + outcomeWithinMs + " ms), or the relay"
                    + " would give up on sends that may still succeed and publish them again");
        }
        this.pool = pool;
        this.vertx = vertx;
        this.meters = meters;
        Gauge.builder("itpump.outbox.backlog", backlogRows, AtomicLong::get)
                .description("Outbox events committed but not yet acknowledged by Kafka (parked ones excluded)").register(meters);
        Gauge.builder("itpump.outbox.backlog.age", backlogAgeSeconds, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox event").register(meters);
        Gauge.builder("itpump.outbox.parked", parkedRows, AtomicLong::get)
                .description("Outbox events parked because Kafka can never take them (alert when above 0)").register(meters);
        this.emitter = emitter;
        this.source = source;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
        this.listen = listen;
    }

    void listen(@Observes StartupEvent start) {
        if (!listen) {
            wake();
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(NOTIFY_CHANNEL).handler(ignored -> wake());
        subscriber.connect().subscribe().with(
                ok -> wake(),
                failure -> LOG.warnf("Outbox relay cannot LISTEN (%s); falling back to polling", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stop) {
        paused = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    @Scheduled(every = "${itpump.outbox.poll-interval:1s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Keeps the backlog and parking gauges current for dashboards and alerts (a growing age means Kafka is not taking events). */
    @Scheduled(every = "${itpump.outbox.metrics-interval:15s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measureBacklog() {
        measure().subscribe().with(ok -> { }, failure -> LOG.debugf("Outbox backlog not measured: %s", failure.getMessage()));
    }

    Uni<Void> measure() {
        return pool.query(BACKLOG).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            backlogRows.set(row.getLong("rows"));
            backlogAgeSeconds.set(row.getNumeric("age_seconds").doubleValue());
            parkedRows.set(row.getLong("parked"));
        }).replaceWithVoid();
    }

    /** Stops publishing (rows keep accumulating); a drain already running finishes its batch. For operations and tests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        wake();
    }

    /** True while a drain runs or sends of an abandoned batch still await their outcome. */
    public boolean busy() {
        return running.get() || inFlight.get() > 0;
    }

    /** Asks for a drain; coalesces with one already running so that only one drain runs at a time. */
    public void wake() {
        pending.set(true);
        if (!paused && running.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        pending.set(false);
        if (inFlight.get() > 0) {
            finish(false); // sends of an abandoned batch are still in the producer: claiming now would duplicate them
            return;
        }
        int limit = probing ? 1 : batchSize;
        publishBatch(limit).subscribe().with(
                drained -> {
                    if (drained.retriableFailure() != null) {
                        failed(drained.retriableFailure());
                        finish(false);
                        return;
                    }
                    if (drained.claimed() > 0) {
                        probing = false;
                        if (failing.compareAndSet(true, false)) {
                            LOG.info("Outbox relay publishes again");
                        }
                    }
                    finish(drained.claimed() == limit);
                },
                failure -> {
                    failed(failure);
                    finish(false);
                });
    }

    private void failed(Throwable failure) {
        probing = true;
        // once per outage, not once per poll: the rows wait in the outbox meanwhile
        if (failing.compareAndSet(false, true)) {
            LOG.warnf("Outbox relay cannot publish (%s); it retries every poll, one event at a time until Kafka takes one",
                    failure.getMessage());
        }
    }

    private void finish(boolean more) {
        if (more) {
            pending.set(true);
        }
        running.set(false);
        if (pending.get() && !paused && running.compareAndSet(false, true)) {
            drain();
        }
    }

    /** What one drain did: whether it held the publisher lock, how many rows it claimed, a retriable failure if any. */
    record Drained(boolean leader, int claimed, Throwable retriableFailure) {
        static final Drained NOT_LEADER = new Drained(false, 0, null);
        static final Drained NOTHING = new Drained(true, 0, null);
    }

    private Uni<Drained> publishBatch(int limit) {
        return pool.withTransaction(connection -> connection.preparedQuery(LEAD).execute(Tuple.of(PUBLISHER_LOCK))
                .chain(lead -> !lead.iterator().next().getBoolean("leader") ? Uni.createFrom().item(Drained.NOT_LEADER)
                        : connection.preparedQuery(CLAIM).execute(Tuple.of(limit))
                                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(Drained.NOTHING)
                                        : publishAndSettle(connection, rows))));
    }

    /** One row handed to the producer; its outcome completes with null on the broker's ack, else with the failure. */
    private record Send(UUID id, String type, String topic, String subject, CompletableFuture<Throwable> outcome) {
    }

    private Uni<Drained> publishAndSettle(SqlClient connection, RowSet<Row> rows) {
        List<Send> sends = new ArrayList<>();
        Throwable refused = null;
        for (Row row : rows) {
            try {
                sends.add(send(row));
            } catch (RuntimeException emitterRefused) { // e.g. the channel is not connected: the rest waits
                refused = emitterRefused;
                break;
            }
        }
        Throwable notSent = refused;
        CompletableFuture<?>[] outcomes = sends.stream().map(Send::outcome).toArray(CompletableFuture[]::new);
        return Uni.createFrom().completionStage(CompletableFuture.allOf(outcomes))
                .ifNoItem().after(ackTimeout).failWith(() -> new AckTimeoutException(sends.size(), ackTimeout))
                .onFailure(AckTimeoutException.class).invoke(timeout -> abandon(sends, timeout))
                .chain(() -> settle(connection, sends))
                .map(retriable -> new Drained(true, rows.size(), retriable != null ? retriable : notSent));
    }

    /**
     * Marks the acknowledged rows published and parks those that can never be published; returns the first
     * retriable failure (those rows stay unpublished for the next drain), or null.
     */
    private Uni<Throwable> settle(SqlClient client, List<Send> sends) {
        List<UUID> acked = new ArrayList<>();
        List<Send> unpublishable = new ArrayList<>();
        Throwable retriable = null;
        for (Send send : sends) {
            Throwable failure = send.outcome().join();
            if (failure == null) {
                acked.add(send.id());
            } else if (neverPublishable(failure)) {
                unpublishable.add(send);
                failedSends("parked");
            } else {
                failedSends("retried");
                if (retriable == null) {
                    retriable = failure;
                }
            }
        }
        Uni<Void> chain = acked.isEmpty() ? Uni.createFrom().voidItem()
                : client.preparedQuery(MARK).execute(Tuple.of(acked.toArray(UUID[]::new))).replaceWithVoid();
        for (Send send : unpublishable) {
            chain = chain.chain(() -> park(client, send));
        }
        Throwable firstRetriable = retriable;
        return chain.map(ignored -> firstRetriable);
    }

    /** Sends that definitely failed, by what became of their row: retried by a later drain, or parked. */
    private void failedSends(String outcome) {
        meters.counter("itpump.outbox.failed.sends", "outcome", outcome).increment();
    }

    private Uni<Void> park(SqlClient client, Send send) {
        Throwable failure = send.outcome().join();
        String reason = reasonOf(failure);
        return client.preparedQuery(PARK).execute(Tuple.of(send.id(), reason)).invoke(updated -> {
            if (updated.rowCount() > 0) {
                parkedRows.incrementAndGet();
                LOG.errorf("Outbox event %s (%s, pathway %s, topic %s) PARKED: Kafka can never take it (%s). The events"
                                + " behind it are published; publish it after a fix by clearing its parked_at.",
                        send.id(), send.type(), send.subject(), send.topic(), reason);
            }
        }).replaceWithVoid();
    }

    /**
     * The batch waited longer than the ack timeout (a safety net above the producer's own timeouts): its
     * transaction rolls back and the lock goes, but its sends are still in the producer. Each outcome is applied
     * when it comes (ack marks, a permanent failure parks), and this relay claims nothing until all have come.
     */
    private void abandon(List<Send> sends, Throwable timeout) {
        LOG.errorf("Outbox relay: %s; their outcomes are applied as they come, and nothing more is claimed until then",
                timeout.getMessage());
        for (Send send : sends) {
            send.outcome().thenAccept(failure -> settle(pool, List.of(send)).subscribe().with(
                    ignored -> { }, lost -> LOG.warnf("Late outcome of outbox event %s not recorded (%s); it is sent again",
                            send.id(), lost.getMessage())));
        }
    }

    /**
     * A failure that no retry can cure, because it belongs to the record itself: too large for the producer or
     * the broker, an invalid topic name, a value that cannot be serialised, a record the broker refuses as
     * invalid. Failures of the broker, the network or the cluster's configuration (timeouts, not enough
     * replicas, authorisation) are retriable: they concern every row alike.
     */
    static boolean neverPublishable(Throwable failure) {
        return permanentCause(failure).isPresent();
    }

    private static Optional<Throwable> permanentCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof SerializationException
                    || cause instanceof InvalidRecordException) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static String reasonOf(Throwable failure) {
        Throwable cause = permanentCause(failure).orElse(failure);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * The trace the row was appended in, so that the Kafka sink's producer span, and through the traceparent
     * header it writes, the consumer's span, continue the request that committed the change, not this poll.
     * A row from before tracing (or outside any trace) starts a trace of its own.
     */
    private static Context traceOf(Row row) {
        String traceparent = row.getString("traceparent");
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private Send send(Row row) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        UUID id = row.getUUID("id");
        String type = row.getString("type");
        String topic = row.getString("topic");
        String pathwayId = row.getString("subject");
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(id.toString())
                .withType(type)
                .withSource(source)
                .withSubject(pathwayId)
                .withDataContentType("application/json")
                .withTimestamp(row.getOffsetDateTime("occurred_at").atZoneSameInstant(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(pathwayId)
                .build();
        inFlight.incrementAndGet();
        try {
            emitter.send(Message.of(row.getString("payload"))
                    .addMetadata(cloudEvent)
                    .addMetadata(record)
                    .addMetadata(TracingMetadata.withCurrent(traceOf(row)))
                    .withAck(() -> {
                        meters.counter("itpump.events.published", "type", type).increment();
                        conclude(outcome, null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        conclude(outcome, failure != null ? failure : new IllegalStateException("nacked without a reason"));
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException refused) {
            inFlight.decrementAndGet();
            throw refused;
        }
        return new Send(id, type, topic, pathwayId, outcome);
    }

    private void conclude(CompletableFuture<Throwable> outcome, Throwable failure) {
        if (outcome.complete(failure)) {
            inFlight.decrementAndGet();
        }
    }

    /** The safety net expired before every send of a batch had its outcome. */
    static final class AckTimeoutException extends RuntimeException {
        AckTimeoutException(int sends, Duration after) {
            super(sends + " sends had no outcome from the producer after " + after);
        }
    }
}
