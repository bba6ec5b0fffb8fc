package org.itpump.console.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Writes the read model inside the consumer's transaction (the one that records the event in the inbox), through
 * the Panache session's native queries. Every parameter is bound as text and cast in SQL
 * ({@code cast(cast(?1 as text) as uuid)}: PostgreSQL would otherwise infer the parameter's type from the cast and
 * the driver refuse a string), and an empty string stands for SQL null ({@code nullif}).
 */
@ApplicationScoped
public class ProjectionStore {

    /** The PostgreSQL channel a committed change is announced on (NOTIFY is delivered at commit only). */
    public static final String CHANNEL = "itpump_console";

    public Uni<Void> appendEvent(String source, String id, String pathwayId, String patientRef, String type, String lane,
                                 Instant at, String actor, String summary, String clinicalDetail) {
        return execute("""
                insert into pathway_event (event_source, event_id, pathway_id, patient_ref, event_type, lane, occurred_at,
                                           actor, summary, clinical_detail)
                values (?1, ?2, cast(cast(?3 as text) as uuid), nullif(?4, ''), ?5, ?6, cast(cast(?7 as text) as timestamptz), nullif(?8, ''), ?9,
                        nullif(?10, ''))
                on conflict do nothing""",
                source, id, pathwayId, patientRef, type, lane, at, actor, summary, clinicalDetail);
    }

    public Uni<Void> caseOpened(String caseId, String pathwayId, String patientRef, Instant openedAt) {
        return execute("""
                insert into implant_case_view (case_id, pathway_id, patient_ref, status, opened_at, updated_at)
                values (cast(cast(?1 as text) as uuid), cast(cast(?2 as text) as uuid), ?3, 'AWAITING_SCHEDULING', cast(cast(?4 as text) as timestamptz), now())
                on conflict (case_id) do nothing""", caseId, pathwayId, patientRef, openedAt);
    }

    public Uni<Void> caseBooked(String caseId, String pathwayId, String patientRef, String bookingId, String roomId,
                                String room, String surgeonId, String surgeon, Instant start, Instant end) {
        return execute("""
                insert into implant_case_view (case_id, pathway_id, patient_ref, status, booking_id, operating_room_id,
                                               operating_room, surgeon, start_at, end_at, updated_at, surgeon_id)
                values (cast(cast(?1 as text) as uuid), cast(cast(?2 as text) as uuid), ?3, 'SCHEDULED', cast(cast(?4 as text) as uuid), ?5, ?6, ?7,
                        cast(cast(?8 as text) as timestamptz), cast(cast(?9 as text) as timestamptz), now(), nullif(?10, ''))
                on conflict (case_id) do update set status = 'SCHEDULED', booking_id = excluded.booking_id,
                    operating_room_id = excluded.operating_room_id, operating_room = excluded.operating_room,
                    surgeon = excluded.surgeon, start_at = excluded.start_at, end_at = excluded.end_at,
                    surgeon_id = excluded.surgeon_id, updated_at = now()""",
                caseId, pathwayId, patientRef, bookingId, roomId, room, surgeon, start, end, surgeonId);
    }

    /**
     * The checklist as implant-service last published it. A case not yet projected (its case-opened still to come on
     * another partition order) is created awaiting scheduling; case-opened then leaves it as it is.
     */
    public Uni<Void> preOpChecklist(String caseId, String pathwayId, String patientRef, String outstanding, boolean complete) {
        return execute("""
                insert into implant_case_view (case_id, pathway_id, patient_ref, status, pre_op_outstanding, pre_op_complete, updated_at)
                values (cast(cast(?1 as text) as uuid), cast(cast(?2 as text) as uuid), ?3, 'AWAITING_SCHEDULING', ?4,
                        cast(cast(?5 as text) as boolean), now())
                on conflict (case_id) do update set pre_op_outstanding = excluded.pre_op_outstanding,
                    pre_op_complete = excluded.pre_op_complete, updated_at = now()""",
                caseId, pathwayId, patientRef, outstanding, complete);
    }

    /** A cancelled booking sends the case back to the scheduling worklist (implant-service's rule). */
    public Uni<Void> bookingCancelled(String caseId) {
        return execute("""
                update implant_case_view set status = 'AWAITING_SCHEDULING', booking_id = null, operating_room_id = null,
                    operating_room = null, surgeon = null, surgeon_id = null, start_at = null, end_at = null, updated_at = now()
                where case_id = cast(cast(?1 as text) as uuid)""", caseId);
    }

    /** COMPLETED keeps the booking (the board shows the case done); EXPLANTED and CLOSED leave it as it was. */
    public Uni<Void> caseStatus(String caseId, String status) {
        return execute("update implant_case_view set status = ?2, updated_at = now() where case_id = cast(cast(?1 as text) as uuid)",
                caseId, status);
    }

    public Uni<Void> refillDue(String therapyId, String pathwayId, String patientRef, String drug, String dueDate,
                               String urgency, boolean withdrawalCritical, boolean overdue) {
        return execute("""
                insert into refill_view (therapy_id, pathway_id, patient_ref, drug, refill_due_date, urgency,
                                         withdrawal_critical, overdue, open, updated_at)
                values (cast(cast(?1 as text) as uuid), cast(cast(?2 as text) as uuid), ?3, nullif(?4, ''), cast(cast(?5 as text) as date), ?6, cast(cast(?7 as text) as boolean),
                        cast(cast(?8 as text) as boolean), true, now())
                on conflict (therapy_id) do update set drug = excluded.drug, refill_due_date = excluded.refill_due_date,
                    urgency = excluded.urgency, withdrawal_critical = excluded.withdrawal_critical,
                    overdue = excluded.overdue, open = true, updated_at = now()""",
                therapyId, pathwayId, patientRef, drug, dueDate, urgency, withdrawalCritical, overdue);
    }

    /** A refill (or the therapy's end) takes the pump off the refill worklist. */
    public Uni<Void> refillDone(String therapyId) {
        return execute("update refill_view set open = false, updated_at = now() where therapy_id = cast(cast(?1 as text) as uuid)",
                therapyId);
    }

    public Uni<Void> escalationRaised(String escalationId, String pathwayId, String patientRef, String urgency,
                                      String suspicion, String action, Instant escalatedAt) {
        return execute("""
                insert into escalation_view (escalation_id, pathway_id, patient_ref, urgency, suspicion, action,
                                             escalated_at, alert_count)
                values (cast(cast(?1 as text) as uuid), cast(cast(?2 as text) as uuid), ?3, ?4, nullif(?5, ''), nullif(?6, ''),
                        cast(cast(?7 as text) as timestamptz), 1)
                on conflict (escalation_id) do nothing""",
                escalationId, pathwayId, patientRef, urgency, suspicion, action, escalatedAt);
    }

    public Uni<Void> escalationRealerted(String escalationId, int alertNumber) {
        return execute("""
                update escalation_view set alert_count = greatest(alert_count, cast(cast(?2 as text) as integer))
                where escalation_id = cast(cast(?1 as text) as uuid)""", escalationId, alertNumber);
    }

    public Uni<Void> escalationAcknowledged(String escalationId, String by, Instant at) {
        return execute("""
                update escalation_view set acknowledged_at = cast(cast(?3 as text) as timestamptz), acknowledged_by = ?2
                where escalation_id = cast(cast(?1 as text) as uuid)""", escalationId, by, at);
    }

    public Uni<Void> visitDue(String planId, String visit, String pathwayId, String patientRef, Instant dueAt) {
        return execute("""
                insert into visit_due_view (plan_id, visit, pathway_id, patient_ref, due_at, open)
                values (cast(cast(?1 as text) as uuid), ?2, cast(cast(?3 as text) as uuid), ?4, cast(cast(?5 as text) as timestamptz), true)
                on conflict (plan_id, visit) do update set due_at = excluded.due_at""",
                planId, visit, pathwayId, patientRef, dueAt);
    }

    /** A closed or completed plan has no visits left to do. */
    public Uni<Void> planEnded(String planId) {
        return execute("update visit_due_view set open = false where plan_id = cast(cast(?1 as text) as uuid)", planId);
    }

    /** Announces, at commit, that this pathway's part of the read model changed (live pages refresh). */
    public Uni<Void> announce(String pathwayId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select 1 from (select pg_notify(?1, ?2)) as announced", Integer.class)
                        .setParameter(1, CHANNEL).setParameter(2, pathwayId).getSingleResult())
                .replaceWithVoid();
    }

    private static Uni<Void> execute(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                query.setParameter(i + 1, value == null ? "" : value.toString());
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
