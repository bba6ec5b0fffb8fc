package org.itpump.followup.domain;

import org.itpump.followup.domain.complication.RecordedComplication;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.outcome.RecordedOutcome;
import org.itpump.followup.domain.plan.RestrictionKind;
import org.itpump.followup.domain.plan.Stay;
import org.itpump.followup.domain.plan.VisitKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The facts of post-implant follow-up, as the acts that cause them return them, in domain values. messaging/ turns
 * each into its contract (contracts/schemas/followup.*.json). An event holding an escalation is mapped when it is
 * appended, in the act's transaction, so it reads the escalation as the act left it.
 */
public sealed interface FollowupEvent {

    /** The plan a fact is about, and the pathway and patient it belongs to. */
    record Plan(UUID planId, UUID pathwayId, String patientRef, UUID implantCaseId) {
    }

    Plan plan();

    record MonitoringStarted(Plan plan, OffsetDateTime startedAt) implements FollowupEvent {
    }

    /** A clinician's override of a discharge rule: which rule, why, by whom, and what it required. */
    record DischargeOverride(String rule, String reason, String overriddenBy, String drug, int requiredHours,
                             OffsetDateTime requiredUntil) {
    }

    /** override null when no rule needed overriding. */
    record PatientDischarged(Plan plan, OffsetDateTime implantCompletedAt, OffsetDateTime dischargedAt,
                             int observationHours, OffsetDateTime procedureEndedAt, Stay stay, String startedDrug,
                             DischargeOverride override) implements FollowupEvent {
    }

    record WoundFollowupContinued(Plan plan, String explantReason, OffsetDateTime explantedAt,
                                  OffsetDateTime followupEndsAt) implements FollowupEvent {
    }

    record ExplantEscalated(Plan plan, RaisedEscalation escalation, String drug, String explantReason)
            implements FollowupEvent {
    }

    record EscalationReAlerted(Plan plan, RaisedEscalation escalation) implements FollowupEvent {
    }

    record EscalationAcknowledged(Plan plan, RaisedEscalation escalation) implements FollowupEvent {
    }

    record VisitDue(Plan plan, VisitKind visit, OffsetDateTime dueAt) implements FollowupEvent {
    }

    record RestrictionLifted(Plan plan, RestrictionKind restriction, OffsetDateTime liftedAt) implements FollowupEvent {
    }

    record MonitoringCompleted(Plan plan, OffsetDateTime completedAt) implements FollowupEvent {
    }

    /** replacedByCaseId: the replacement case whose plan takes over, else null. */
    record MonitoringClosed(Plan plan, String reason, OffsetDateTime closedAt, UUID replacedByCaseId)
            implements FollowupEvent {
    }

    record ComplicationReported(Plan plan, RecordedComplication complication, int escalationCount)
            implements FollowupEvent {
    }

    record ComplicationEscalated(Plan plan, RaisedEscalation escalation) implements FollowupEvent {
    }

    /** The MME figures are null when they do not exist (no baseline MME). */
    record OutcomeRecorded(Plan plan, RecordedOutcome outcome, int baselineNrs, BigDecimal baselineOralMmePerDay,
                           BigDecimal mmeReductionMgPerDay, BigDecimal mmeReductionPercent) implements FollowupEvent {
    }
}
