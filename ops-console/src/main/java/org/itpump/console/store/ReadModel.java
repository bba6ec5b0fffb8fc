package org.itpump.console.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.console.domain.CaseOnBoard;
import org.itpump.console.domain.DeadLetter;
import org.itpump.console.domain.Lane;
import org.itpump.console.domain.OpenEscalation;
import org.itpump.console.domain.RefillDue;
import org.itpump.console.domain.TimelineEntry;
import org.itpump.console.domain.VisitDue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Reads of the projection (and the dead-letter rows, which have no inbox: their key is the DLQ offset). */
@ApplicationScoped
public class ReadModel {

    /** At most this many rows per list: a board or worklist longer than this is not read by a person anyway. */
    static final int MAX_ROWS = 500;

    private final Pool pool;

    ReadModel(Pool pool) {
        this.pool = pool;
    }

    /** The pathways of a patient reference, most recently active first. */
    public Uni<List<UUID>> pathwaysOf(String patientRef) {
        return list("""
                select pathway_id from pathway_event where patient_ref = $1
                group by pathway_id order by max(occurred_at) desc limit 20""", Tuple.of(patientRef),
                row -> row.getUUID("pathway_id"));
    }

    /** Every event of the pathway in order: ce_time, then the order they were received in. */
    public Uni<List<TimelineEntry>> timeline(UUID pathwayId) {
        return list("""
                select pathway_id, patient_ref, event_type, lane, occurred_at, actor, summary, clinical_detail
                from pathway_event where pathway_id = $1 order by occurred_at, received_seq limit 2000""",
                Tuple.of(pathwayId),
                row -> new TimelineEntry(row.getUUID("pathway_id"), row.getString("patient_ref"),
                        row.getString("event_type"), Lane.valueOf(row.getString("lane")), instant(row, "occurred_at"),
                        row.getString("actor"), row.getString("summary"), row.getString("clinical_detail")));
    }

    /** Bookings that overlap [from, to), by room and start. */
    public Uni<List<CaseOnBoard>> bookings(Instant from, Instant to) {
        return list("""
                select * from implant_case_view where start_at < $2 and end_at > $1
                order by operating_room, start_at limit""" + " " + MAX_ROWS,
                Tuple.of(offset(from), offset(to)), ReadModel::caseOf);
    }

    public Uni<List<CaseOnBoard>> awaitingScheduling() {
        return list("select * from implant_case_view where status = 'AWAITING_SCHEDULING' order by opened_at, case_id limit "
                + MAX_ROWS, Tuple.tuple(), ReadModel::caseOf);
    }

    public Uni<List<RefillDue>> openRefills() {
        return list("select * from refill_view where open limit " + MAX_ROWS, Tuple.tuple(),
                row -> new RefillDue(row.getUUID("therapy_id"), row.getUUID("pathway_id"), row.getString("patient_ref"),
                        row.getString("drug"), row.getLocalDate("refill_due_date"), row.getString("urgency"),
                        row.getBoolean("withdrawal_critical"), row.getBoolean("overdue")));
    }

    /** Unacknowledged escalations: EMERGENCY, URGENT, ROUTINE, each oldest first. */
    public Uni<List<OpenEscalation>> openEscalations() {
        return list("""
                select * from escalation_view where acknowledged_at is null
                order by array_position(array['EMERGENCY','URGENT','ROUTINE'], urgency), escalated_at limit""" + " " + MAX_ROWS,
                Tuple.tuple(),
                row -> new OpenEscalation(row.getUUID("escalation_id"), row.getUUID("pathway_id"),
                        row.getString("patient_ref"), row.getString("urgency"), row.getString("suspicion"),
                        row.getString("action"), instant(row, "escalated_at"), row.getInteger("alert_count")));
    }

    public Uni<List<VisitDue>> visitsDue() {
        return list("select * from visit_due_view where open order by due_at limit " + MAX_ROWS, Tuple.tuple(),
                row -> new VisitDue(row.getUUID("plan_id"), row.getString("visit"), row.getUUID("pathway_id"),
                        row.getString("patient_ref"), instant(row, "due_at")));
    }

    public Uni<List<DeadLetter>> deadLetters() {
        return list("select * from dead_letter_view order by service, dead_lettered_at desc limit " + MAX_ROWS,
                Tuple.tuple(),
                row -> new DeadLetter(row.getString("service"), row.getString("dlq_topic"), row.getInteger("dlq_partition"),
                        row.getLong("dlq_offset"), row.getString("reason"), row.getString("event_type"),
                        row.getString("pathway_id"), instant(row, "dead_lettered_at")));
    }

    /** Keeps a dead letter's metadata once per DLQ position (a re-read record changes nothing). */
    public Uni<Void> recordDeadLetter(DeadLetter letter) {
        return pool.preparedQuery("""
                        insert into dead_letter_view (dlq_topic, dlq_partition, dlq_offset, service, reason, event_type,
                                                      pathway_id, dead_lettered_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing""")
                .execute(Tuple.from(java.util.Arrays.asList(letter.topic(), letter.partition(), letter.offset(),
                        letter.service(), letter.reason(), letter.eventType(), letter.pathwayId(),
                        offset(letter.deadLetteredAt()))))
                .chain(() -> pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(ProjectionStore.CHANNEL, "dead-letters")))
                .replaceWithVoid();
    }

    private static CaseOnBoard caseOf(Row row) {
        return new CaseOnBoard(row.getUUID("case_id"), row.getUUID("pathway_id"), row.getString("patient_ref"),
                row.getString("status"), instant(row, "opened_at"), row.getUUID("booking_id"),
                row.getString("operating_room_id"), row.getString("operating_room"), row.getString("surgeon_id"), row.getString("surgeon"),
                instant(row, "start_at"), instant(row, "end_at"), row.getBoolean("pre_op_complete"),
                row.getString("pre_op_outstanding"));
    }

    private <T> Uni<List<T>> list(String sql, Tuple parameters, Function<Row, T> mapping) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            List<T> result = new ArrayList<>();
            rows.forEach(row -> result.add(mapping.apply(row)));
            return result;
        });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime offset(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
