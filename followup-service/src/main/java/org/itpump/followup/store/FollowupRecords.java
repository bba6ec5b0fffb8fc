package org.itpump.followup.store;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.chassis.store.Keyset;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.followup.domain.complication.RecordedComplication;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.escalation.Urgency;
import org.itpump.followup.domain.outcome.RecordedOutcome;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Queries of the plan's dependent records: complications, escalations, outcomes and its timers. */
@ApplicationScoped
public class FollowupRecords {

    /** Urgency in clinical order (EMERGENCY, URGENT, ROUTINE), as {@link #mostUrgentFirst} sorts, then oldest first. */
    private static final Keyset<EscalationEntity> MOST_URGENT_FIRST = Keyset.of(EscalationEntity.class, (EscalationEntity e) -> e.id)
            .ascending("case {e}.urgency when " + Urgency.class.getName() + ".EMERGENCY then 0 when "
                    + Urgency.class.getName() + ".URGENT then 1 else 2 end")
            .ascending("raisedAt");
    private static final Keyset<DueTimer> SOONEST_FIRST = Keyset.of(DueTimer.class, (DueTimer t) -> t.id).ascending("dueAt");

    public Uni<List<RecordedComplication>> complicationsOf(UUID planId) {
        return ComplicationEntity.<ComplicationEntity>list("planId", Sort.ascending("reportedAt"), planId)
                .map(list -> list.stream().map(FollowupRecords::toDomain).toList());
    }

    /** Most urgent first, then oldest first, like the open list. */
    public Uni<List<RaisedEscalation>> escalationsOf(UUID planId) {
        return EscalationEntity.<EscalationEntity>list("planId", Sort.ascending("raisedAt"), planId)
                .map(FollowupRecords::mostUrgentFirst).map(FollowupRecords::toDomain);
    }

    public Uni<List<RecordedOutcome>> outcomesOf(UUID planId) {
        return OutcomeEntity.<OutcomeEntity>list("planId", Sort.ascending("assessedAt"), planId)
                .map(list -> list.stream().map(FollowupRecords::toDomain).toList());
    }

    public Uni<RaisedEscalation> requireEscalation(UUID escalationId) {
        return EscalationEntity.<EscalationEntity>findById(escalationId).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Escalation", escalationId)).map(FollowupRecords::toDomain);
    }

    /** The escalation, or null. */
    public Uni<RaisedEscalation> escalation(UUID escalationId) {
        return EscalationEntity.<EscalationEntity>findById(escalationId).map(FollowupRecords::toDomain);
    }

    /** One page of open (or acknowledged, or all when null) escalations: most urgent first, then oldest first. */
    public Uni<Page<RaisedEscalation>> escalations(Boolean open, PageRequest page) {
        return QueryFilter.create().isNull("acknowledgedAt", open)
                .page((query, parameters) -> EscalationEntity.<EscalationEntity>find(query, parameters), MOST_URGENT_FIRST, page)
                .map(found -> found.map(FollowupRecords::toDomain));
    }

    public Uni<Void> add(RecordedComplication c) {
        ComplicationEntity e = new ComplicationEntity();
        e.id = c.id();
        e.planId = c.planId();
        e.kind = c.kind();
        e.severity = c.severity();
        e.onsetAt = c.onsetAt();
        e.features = c.features();
        e.reportedAt = c.reportedAt();
        return e.persist().replaceWithVoid();
    }

    public Uni<Void> add(RecordedOutcome o) {
        OutcomeEntity e = new OutcomeEntity();
        e.id = o.id();
        e.planId = o.planId();
        e.assessedAt = o.assessedAt();
        e.painNrs = o.painNrs();
        e.rigidityScore = o.rigidityScore();
        e.spasmScore = o.spasmScore();
        e.oralMmePerDay = o.oralMmePerDay();
        e.painReductionNrs = o.painReductionNrs();
        e.painReductionPercent = o.painReductionPercent();
        e.recordedAt = o.recordedAt();
        return e.persist().replaceWithVoid();
    }

    public Uni<Void> add(RaisedEscalation r) {
        EscalationEntity e = new EscalationEntity();
        e.id = r.id();
        e.complicationId = r.complicationId();
        e.planId = r.planId();
        e.cause = r.cause();
        e.ruleId = r.ruleId();
        e.urgency = r.urgency();
        e.suspicion = r.suspicion();
        e.action = r.action();
        e.raisedAt = r.raisedAt();
        e.reAlertEveryMinutes = r.reAlertEveryMinutes();
        copyState(r, e);
        return e.persist().replaceWithVoid();
    }

    /** Writes what an act changed (acknowledgement, alerts) to the row loaded in this session. */
    public Uni<Void> update(RaisedEscalation r) {
        return EscalationEntity.<EscalationEntity>findById(r.id()).invoke(e -> copyState(r, e)).replaceWithVoid();
    }

    private static void copyState(RaisedEscalation r, EscalationEntity e) {
        e.acknowledgedAt = r.acknowledgedAt();
        e.acknowledgedBy = r.acknowledgedBy();
        e.alertCount = r.alertCount();
        e.lastAlertedAt = r.lastAlertedAt();
    }

    private static List<RaisedEscalation> toDomain(List<EscalationEntity> entities) {
        return entities.stream().map(FollowupRecords::toDomain).toList();
    }

    static RaisedEscalation toDomain(EscalationEntity e) {
        return e == null ? null : new RaisedEscalation(e.id, e.complicationId, e.planId, e.cause, e.ruleId, e.urgency,
                e.suspicion, e.action, e.raisedAt, e.reAlertEveryMinutes, e.acknowledgedAt, e.acknowledgedBy,
                e.alertCount, e.lastAlertedAt);
    }

    static RecordedComplication toDomain(ComplicationEntity c) {
        return new RecordedComplication(c.id, c.planId, c.kind, c.severity, c.onsetAt, c.features, c.reportedAt);
    }

    static RecordedOutcome toDomain(OutcomeEntity o) {
        return new RecordedOutcome(o.id, o.planId, o.assessedAt, o.painNrs, o.rigidityScore, o.spasmScore,
                o.oralMmePerDay, o.painReductionNrs, o.painReductionPercent, o.recordedAt);
    }

    private static List<EscalationEntity> mostUrgentFirst(List<EscalationEntity> escalations) {
        return escalations.stream().sorted(Comparator.comparing((EscalationEntity e) -> e.urgency)
                .thenComparing(e -> e.raisedAt)).toList();
    }

    /** The pathway's most recently started pump therapy's drug record, or null while dosing has said nothing. */
    public Uni<PumpDrugEntity> latestPumpDrug(UUID pathwayId) {
        return PumpDrugEntity.<PumpDrugEntity>find("pathwayId", Sort.descending("firstProgrammedAt"), pathwayId).firstResult();
    }

    public Uni<PumpDrugEntity> pumpDrug(UUID therapyId) {
        return PumpDrugEntity.findById(therapyId);
    }

    /** The explant escalations of a plan (at most one is raised per plan). */
    public Uni<List<RaisedEscalation>> explantEscalationsOf(UUID planId) {
        return EscalationEntity.<EscalationEntity>list("planId = ?1 and cause = ?2", planId,
                RaisedEscalation.CAUSE_EXPLANT).map(FollowupRecords::toDomain);
    }

    /** Escalations of the plan raised without a complication (explant), oldest first. */
    public Uni<List<RaisedEscalation>> escalationsWithoutComplication(UUID planId) {
        return EscalationEntity.<EscalationEntity>list("planId = ?1 and complicationId is null",
                Sort.ascending("raisedAt"), planId).map(FollowupRecords::toDomain);
    }

    /** Cancels the subject's pending timers except those keyed in {@code keep}; inside a Panache transaction. */
    public Uni<Integer> cancelTimersExcept(UUID subjectId, Collection<String> keep, OffsetDateTime now) {
        return DueTimer.update("cancelledAt = ?1 where subjectId = ?2 and firedAt is null and cancelledAt is null"
                + " and key not in ?3", now, subjectId, keep);
    }

    /** Every timer of the plan, fired and cancelled ones included. */
    public Uni<List<DueTimer>> timersOf(UUID planId) {
        return DueTimer.list("subjectId", Sort.ascending("dueAt"), planId);
    }

    /** One page of the pending timers of one kind due in [from, to), soonest first (then by id). */
    public Uni<Page<DueTimer>> pendingBetween(String kind, OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        return QueryFilter.create().equal("kind", kind).isNull("firedAt", true).isNull("cancelledAt", true)
                .atLeast("dueAt", from).before("dueAt", to)
                .page((query, parameters) -> DueTimer.<DueTimer>find(query, parameters), SOONEST_FIRST, page);
    }

    /** Pending timers of one kind due in [from, to), soonest first. */
    public Uni<List<DueTimer>> pendingBetween(String kind, OffsetDateTime from, OffsetDateTime to) {
        return DueTimer.list("kind = ?1 and firedAt is null and cancelledAt is null and dueAt >= ?2 and dueAt < ?3",
                Sort.ascending("dueAt"), kind, from, to);
    }
}
