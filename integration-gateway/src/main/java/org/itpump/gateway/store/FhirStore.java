package org.itpump.gateway.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The FHIR resources as JSON (table fhir_resource): written in the consumed event's transaction, read by the API. */
@ApplicationScoped
public class FhirStore {

    /** A stored resource and every patient it names. */
    public record Stored(String type, String id, int version, String json, OffsetDateTime updatedAt,
                         List<String> patientRefs) {
    }

    /** Every patient of the row r, one per line (read back by {@link #stored}). */
    private static final String PATIENTS = """
            (select string_agg(p.patient_ref, chr(10) order by p.patient_ref) from resource_patient p
             where p.resource_type = r.resource_type and p.id = r.id)""";

    /** Inserts or replaces the resource (version + 1); it is published again. Must run in a Panache transaction. */
    public Uni<Void> put(String type, String id, UUID pathwayId, String patientRef, OffsetDateTime effectiveAt,
                         String json, OffsetDateTime now) {
        return put(type, id, pathwayId, List.of(patientRef), effectiveAt, json, now);
    }

    /**
     * As above, for a resource that may name several patients (an AuditEvent of a theatre list) and belong to no
     * pathway (pathwayId null): it is found by a search for any of them. patientRefs is not empty.
     */
    public Uni<Void> put(String type, String id, UUID pathwayId, List<String> patientRefs, OffsetDateTime effectiveAt,
                         String json, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into fhir_resource (resource_type, id, pathway_id, patient_ref, effective_at, version, json, updated_at)
                        values (?1, ?2, cast(?3 as uuid), ?4, ?5, 1, ?6, ?7)
                        on conflict (resource_type, id) do update set version = fhir_resource.version + 1,
                            json = excluded.json, effective_at = excluded.effective_at, updated_at = excluded.updated_at,
                            published_at = null""")
                .setParameter(1, type).setParameter(2, id).setParameter(3, pathwayId).setParameter(4, patientRefs.get(0))
                .setParameter(5, effectiveAt).setParameter(6, json).setParameter(7, now)
                .executeUpdate()
                .chain(() -> {
                    Uni<Void> each = Uni.createFrom().voidItem();
                    for (String patientRef : patientRefs) {
                        each = each.chain(() -> session.createNativeQuery("""
                                        insert into resource_patient (resource_type, id, patient_ref)
                                        values (?1, ?2, ?3) on conflict do nothing""")
                                .setParameter(1, type).setParameter(2, id).setParameter(3, patientRef)
                                .executeUpdate().replaceWithVoid());
                    }
                    return each;
                }));
    }

    public Uni<Stored> find(String type, String id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select resource_type, id, version, json, updated_at, " + PATIENTS + " from fhir_resource r where resource_type = ?1 and id = ?2",
                        Object[].class)
                .setParameter(1, type).setParameter(2, id).getResultList()))
                .map(rows -> rows.isEmpty() ? null : stored(rows.get(0)));
    }

    /**
     * Resources of a type, by patient reference and an effective-time range (either bound may be null), oldest first,
     * at most {@code limit}.
     */
    public Uni<List<Stored>> search(String type, String patientRef, OffsetDateTime from, OffsetDateTime to, int limit) {
        // by patient: through resource_patient, which lists every patient a resource names
        String sql = patientRef == null ? "select resource_type, id, version, json, updated_at, " + PATIENTS + """
                 from fhir_resource r
                where resource_type = ?1 and cast(?2 as text) is null
                  and (cast(?3 as timestamptz) is null or effective_at >= ?3)
                  and (cast(?4 as timestamptz) is null or effective_at < ?4)
                order by effective_at nulls last, id limit ?5""" : "select r.resource_type, r.id, r.version, r.json, r.updated_at, "
                + PATIENTS + """
                 from fhir_resource r join resource_patient q on q.resource_type = r.resource_type and q.id = r.id
                where r.resource_type = ?1 and q.patient_ref = ?2
                  and (cast(?3 as timestamptz) is null or r.effective_at >= ?3)
                  and (cast(?4 as timestamptz) is null or r.effective_at < ?4)
                order by r.effective_at nulls last, r.id limit ?5""";
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter(1, type).setParameter(2, patientRef).setParameter(3, from).setParameter(4, to)
                .setParameter(5, limit).getResultList()))
                .map(rows -> rows.stream().map(FhirStore::stored).toList());
    }

    private static Stored stored(Object[] row) {
        Object updated = row[4];
        OffsetDateTime at = updated instanceof OffsetDateTime o ? o
                : updated instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC)
                : ((java.sql.Timestamp) updated).toInstant().atOffset(java.time.ZoneOffset.UTC);
        return new Stored((String) row[0], (String) row[1], ((Number) row[2]).intValue(), (String) row[3], at,
                row[5] == null ? List.of() : List.of(((String) row[5]).split("\n")));
    }
}
