package org.itpump.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.gateway.domain.DeliveryBackOff;
import org.itpump.gateway.messaging.Hl7KafkaPublisher;
import org.itpump.gateway.messaging.MllpSender;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Delivers the HL7 outbox: every second, for each destination, sends the due head of each pathway's queue (the
 * oldest message not yet delivered) and records the outcome. Per destination and pathway, messages go one at a
 * time in the order they were built; a message waiting for a retry, or parked, holds the pathway's later ones.
 * <ul>
 *   <li>ACK AA (or CA): delivered.</li>
 *   <li>ACK AE or AR (or CE, CR): retried with back-off; after {@code itpump.gateway.delivery.max-rejections} it is
 *   parked and an alert is raised (an ERROR log and the {@code itpump_gateway_hl7_parked} counter).</li>
 *   <li>No ACK (refused connection, timeout): retried with back-off, without limit: the engine is down, not the
 *   message wrong.</li>
 * </ul>
 * The state is in PostgreSQL, so a restart resumes where it stopped. One replica delivers to a destination at a
 * time (a PostgreSQL advisory lock per destination).
 */
@ApplicationScoped
public class Hl7Delivery {

    private static final Logger LOG = Logger.getLogger(Hl7Delivery.class);
    private static final Set<String> ACCEPTED = Set.of("AA", "CA");

    private static final String DUE = """
            select d.message_id, d.pathway_id, d.attempts, d.rejections, m.er7, m.control_id, m.trigger
            from hl7_delivery d join hl7_message m on m.id = d.message_id
            where d.destination = ? and d.status = 'PENDING' and d.next_attempt_at <= ?
              and not exists (select 1 from hl7_delivery e where e.destination = d.destination
                              and e.pathway_id = d.pathway_id and e.position < d.position and e.status <> 'DELIVERED')
            order by d.position limit 100""";

    private record Due(UUID messageId, UUID pathwayId, int attempts, int rejections, String er7, String controlId,
                       String trigger) {
    }

    private final DataSource dataSource;
    private final GatewayConfig config;
    private final MllpSender mllp;
    private final Hl7KafkaPublisher kafka;
    private final Clock clock;
    private final DeliveryBackOff backOff;
    private final Counter parked;

    Hl7Delivery(DataSource dataSource, GatewayConfig config, MllpSender mllp, Hl7KafkaPublisher kafka, Clock clock,
                MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        this.mllp = mllp;
        this.kafka = kafka;
        this.clock = clock;
        this.backOff = new DeliveryBackOff(config.delivery().firstBackOff(), config.delivery().maxBackOff());
        this.parked = Counter.builder("itpump.gateway.hl7.parked")
                .description("HL7 messages an engine refused too often; parked, holding their pathway").register(meters);
    }

    @Scheduled(every = "${itpump.gateway.delivery.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverDue() {
        List<String> destinations = new ArrayList<>(config.delivery().mllp().keySet());
        if (config.delivery().kafka()) {
            destinations.add(BookingMessages.KAFKA);
        }
        for (String destination : destinations) {
            try (Connection db = dataSource.getConnection()) {
                db.setAutoCommit(true);
                if (lock(db, destination)) {
                    try {
                        deliver(db, destination);
                    } finally {
                        unlock(db, destination);
                    }
                }
            } catch (SQLException e) {
                LOG.warnf("HL7 delivery to %s waits for PostgreSQL: %s", destination, e.getMessage());
            }
        }
    }

    private void deliver(Connection db, String destination) throws SQLException {
        List<Due> due;
        while (!(due = due(db, destination)).isEmpty()) {
            boolean progress = false;
            for (Due message : due) {
                progress |= attempt(db, destination, message);
            }
            if (!progress) {
                return; // every head is waiting for its retry
            }
        }
    }

    /** @return whether the message was delivered (its pathway's next one may go) */
    private boolean attempt(Connection db, String destination, Due message) throws SQLException {
        Instant now = clock.instant();
        String failure;
        boolean rejected = false;
        try {
            String code = send(destination, message);
            if (ACCEPTED.contains(code)) {
                update(db, message, destination, "DELIVERED", message.attempts(), message.rejections(), now, null, now);
                return true;
            }
            rejected = true;
            failure = "ACK " + code;
        } catch (MllpSender.NoAckException e) {
            failure = e.getMessage();
        } catch (Exception e) {
            failure = "Kafka did not store the record: " + e;
        }
        int attempts = message.attempts() + (rejected ? 0 : 1);
        int rejections = message.rejections() + (rejected ? 1 : 0);
        if (rejected && rejections >= config.delivery().maxRejections()) {
            update(db, message, destination, "PARKED", attempts, rejections, now, failure, null);
            parked.increment();
            LOG.errorf("ALERT: SIU^%s %s (pathway %s) parked for %s after %d refusals (%s); the pathway's later messages"
                            + " wait until it is resolved", message.trigger(), message.controlId(), message.pathwayId(),
                    destination, rejections, failure);
            return false;
        }
        Instant next = now.plus(backOff.after(attempts + rejections));
        update(db, message, destination, "PENDING", attempts, rejections, next, failure, null);
        LOG.warnf("SIU^%s %s to %s not delivered (%s); retry at %s", message.trigger(), message.controlId(), destination,
                failure, next);
        return false;
    }

    private String send(String destination, Due message) throws Exception {
        if (BookingMessages.KAFKA.equals(destination)) {
            kafka.publish(message.pathwayId().toString(), message.controlId(), message.er7(), config.delivery().ackTimeout());
            return "AA";
        }
        GatewayConfig.Mllp engine = config.delivery().mllp().get(destination);
        if (engine == null) {
            throw new MllpSender.NoAckException("destination " + destination + " is no longer configured", null);
        }
        return mllp.send(engine.host(), engine.port(), message.er7(), config.delivery().ackTimeout());
    }

    private List<Due> due(Connection db, String destination) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(DUE)) {
            query.setString(1, destination);
            query.setTimestamp(2, Timestamp.from(clock.instant()));
            List<Due> due = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getInt(3),
                            rows.getInt(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                }
            }
            return due;
        }
    }

    private static void update(Connection db, Due message, String destination, String status, int attempts,
                               int rejections, Instant nextAttempt, String error, Instant deliveredAt) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                update hl7_delivery set status = ?, attempts = ?, rejections = ?, next_attempt_at = ?, last_error = ?,
                       delivered_at = ? where message_id = ? and destination = ?""")) {
            update.setString(1, status);
            update.setInt(2, attempts);
            update.setInt(3, rejections);
            update.setTimestamp(4, Timestamp.from(nextAttempt));
            update.setString(5, error);
            update.setTimestamp(6, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            update.setObject(7, message.messageId());
            update.setString(8, destination);
            update.executeUpdate();
        }
    }

    private static boolean lock(Connection db, String destination) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("select pg_try_advisory_lock(15, hashtext(?))")) {
            lock.setString(1, destination);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection db, String destination) throws SQLException {
        try (PreparedStatement unlock = db.prepareStatement("select pg_advisory_unlock(15, hashtext(?))")) {
            unlock.setString(1, destination);
            unlock.execute();
        }
    }
}
