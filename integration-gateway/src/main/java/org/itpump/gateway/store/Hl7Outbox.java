package org.itpump.gateway.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The gateway's outbox of HL7 messages: a message and one delivery row per destination, written in the caller's
 * transaction (the consumed event's), so that an event's message is neither lost nor built twice.
 */
@ApplicationScoped
public class Hl7Outbox {

    /** The next MSH-10 control id, "ITP" and a sequence number (at most 20 characters in v2.5.1). */
    public Uni<String> nextControlId() {
        return Panache.getSession().chain(session -> session.createNativeQuery("select nextval('hl7_control_id')", Long.class)
                .getSingleResult()).map(n -> "ITP" + n);
    }

    /** Must run in a Panache transaction. */
    public Uni<Void> append(UUID pathwayId, UUID caseId, String trigger, String controlId, String er7,
                            List<String> destinations, OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into hl7_message (id, pathway_id, case_id, trigger, control_id, er7, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, id).setParameter(2, pathwayId).setParameter(3, caseId).setParameter(4, trigger)
                .setParameter(5, controlId).setParameter(6, er7).setParameter(7, now)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into hl7_delivery (message_id, destination, position, pathway_id, status, next_attempt_at)
                                select m.id, d.destination, m.position, m.pathway_id, 'PENDING', ?2
                                from hl7_message m, unnest(string_to_array(?3, ',')) as d(destination) where m.id = ?1""")
                        .setParameter(1, id).setParameter(2, now).setParameter(3, String.join(",", destinations))
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
