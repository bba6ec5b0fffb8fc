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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode, key = pathway id) and marks them
 * published only after the broker acknowledged them (acks=all, idempotent producer). It wakes on PostgreSQL
 * NOTIFY, which the outbox trigger sends when an inserting transaction commits, and polls as a fallback.
 * A crash anywhere before the mark leaves the rows unpublished, so they are sent again: at-least-once,
 * and consumers' inboxes drop the duplicates.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String NOTIFY_CHANNEL = "itpump_outbox";
    private static final String CLAIM = """
            select id, topic, type, subject, occurred_at, payload::text as payload, traceparent from outbox_event
            where published_at is null order by position limit $1 for update skip locked""";
    private static final String MARK = "update outbox_event set published_at = now() where id = any($1)";
    private static final String BACKLOG = """
            select count(*) as rows, coalesce(extract(epoch from now() - min(occurred_at)), 0) as age_seconds
            from outbox_event where published_at is null""";

    private final Pool pool;
    private final Vertx vertx;
    private final Emitter<String> emitter;
    private final URI source;
    private final int batchSize;
    private final Duration ackTimeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicReference<Double> backlogAgeSeconds = new AtomicReference<>(0.0);
    private final MeterRegistry meters;
    private volatile boolean paused;
    private PgSubscriber subscriber;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    OutboxRelay(Pool pool, Vertx vertx, MeterRegistry meters,
                @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                @ConfigProperty(name = "itpump.events.source") URI source,
                @ConfigProperty(name = "itpump.outbox.batch-size", defaultValue = "200") int batchSize,
                @ConfigProperty(name = "itpump.outbox.ack-timeout", defaultValue = "30s") Duration ackTimeout) {
        this.pool = pool;
        this.vertx = vertx;
        this.meters = meters;
        Gauge.builder("itpump.outbox.backlog", backlogRows, AtomicLong::get)
                .description("Outbox events committed but not yet acknowledged by Kafka").register(meters);
        Gauge.builder("itpump.outbox.backlog.age", backlogAgeSeconds, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox event").register(meters);
        this.emitter = emitter;
        this.source = source;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
    }

    void listen(@Observes StartupEvent start) {
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

    /** Keeps the backlog gauges current for dashboards and alerts (a growing age means Kafka is not taking events). */
    @Scheduled(every = "${itpump.outbox.metrics-interval:15s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measureBacklog() {
        pool.query(BACKLOG).execute().subscribe().with(rows -> {
            Row row = rows.iterator().next();
            backlogRows.set(row.getLong("rows"));
            backlogAgeSeconds.set(row.getNumeric("age_seconds").doubleValue());
        }, failure -> LOG.debugf("Outbox backlog not measured: %s", failure.getMessage()));
    }

    /** Stops publishing (rows keep accumulating); for operations and for tests of crash recovery. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        wake();
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
        publishBatch().subscribe().with(
                published -> {
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("Outbox relay publishes again");
                    }
                    finish(published == batchSize);
                },
                failure -> {
                    // once per outage, not once per poll: the rows wait in the outbox meanwhile
                    if (failing.compareAndSet(false, true)) {
                        LOG.warnf("Outbox relay cannot publish (%s); it retries every poll", failure.getMessage());
                    }
                    finish(false);
                });
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

    private Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(batchSize))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(0) : publishAndMark(connection, rows)));
    }

    private Uni<Integer> publishAndMark(SqlConnection connection, RowSet<Row> rows) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (Row row : rows) {
            ids.add(row.getUUID("id"));
            String type = row.getString("type");
            acks.add(send(row).thenRun(() -> meters.counter("itpump.events.published", "type", type).increment()));
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .ifNoItem().after(ackTimeout).fail()
                .chain(() -> connection.preparedQuery(MARK).execute(Tuple.of(ids.toArray(UUID[]::new))))
                .replaceWith(ids.size());
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

    private CompletableFuture<Void> send(Row row) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        String pathwayId = row.getString("subject");
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(row.getUUID("id").toString())
                .withType(row.getString("type"))
                .withSource(source)
                .withSubject(pathwayId)
                .withDataContentType("application/json")
                .withTimestamp(row.getOffsetDateTime("occurred_at").atZoneSameInstant(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(pathwayId)
                .build();
        emitter.send(Message.of(row.getString("payload"))
                .addMetadata(cloudEvent)
                .addMetadata(record)
                .addMetadata(TracingMetadata.withCurrent(traceOf(row)))
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
