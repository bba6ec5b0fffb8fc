package org.itpump.gateway.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.gateway.messaging.FhirKafkaPublisher;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Puts each new version of a FHIR resource on the FHIR topic once it is committed (fhir_resource.published_at is
 * null until then). A version replaced before it was published is skipped: the topic carries the latest state. The
 * record key is the pathway id, or the resource id for one of no pathway (an AuditEvent: its id, the key it had on
 * itpump.audit.events).
 */
@ApplicationScoped
public class FhirPublication {

    private static final Logger LOG = Logger.getLogger(FhirPublication.class);
    private final DataSource dataSource;
    private final FhirKafkaPublisher publisher;

    FhirPublication(DataSource dataSource, FhirKafkaPublisher publisher) {
        this.dataSource = dataSource;
        this.publisher = publisher;
    }

    @Scheduled(every = "${itpump.gateway.delivery.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void publishNew() {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement query = db.prepareStatement("""
                    select resource_type, id, coalesce(cast(pathway_id as text), id), version, json from fhir_resource where published_at is null
                    order by updated_at limit 100 for update skip locked""");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    publisher.publish(rows.getString(3), rows.getString(1), rows.getString(2),
                            rows.getInt(4), rows.getString(5), Duration.ofSeconds(30));
                    try (PreparedStatement mark = db.prepareStatement(
                            "update fhir_resource set published_at = now() where resource_type = ? and id = ?")) {
                        mark.setString(1, rows.getString(1));
                        mark.setString(2, rows.getString(2));
                        mark.executeUpdate();
                    }
                }
            }
            db.commit();
        } catch (Exception e) {
            LOG.warnf("FHIR publication waits: %s", e.toString());
        }
    }
}
