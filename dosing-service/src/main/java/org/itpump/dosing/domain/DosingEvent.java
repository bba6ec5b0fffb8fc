package org.itpump.dosing.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The facts of pump therapy, as the acts that cause them return them, in domain values. messaging/ turns each into
 * its contract (contracts/schemas/dosing.*.json); the domain knows no payload shape or topic.
 */
public sealed interface DosingEvent {

    /** The therapy a fact is about, and the pathway and patient it belongs to. */
    record Therapy(UUID therapyId, UUID pathwayId, String patientRef) {
    }

    /** The pathway the fact is published on. */
    UUID pathwayId();

    record TherapyOpened(Therapy therapy, UUID implantCaseId, BigDecimal reservoirVolumeMl,
                         BigDecimal lowReservoirAlarmMl, OffsetDateTime openedAt) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }
    }

    record TherapyEnded(Therapy therapy, String reason, OffsetDateTime endedAt) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }
    }

    /** A program: the first of a therapy (previous null) or a dose change. */
    record Programmed(Therapy therapy, RecordedProgram program, RecordedProgram previous) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }
    }

    record LimitOverridden(Therapy therapy, RecordedProgram program, LimitOverride override) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }
    }

    /** unit: the program's dose unit, the refill's concentration is per mL of it. */
    record RefillRecorded(Therapy therapy, RecordedRefill refill, DoseUnit unit) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }
    }

    record RefillReplanned(Therapy therapy, RecordedRefillPlan plan) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }
    }

    /** A refill reminder from the plan in force: due (ahead of the date) or overdue (repeating). */
    record RefillReminder(Therapy therapy, RecordedRefillPlan plan, boolean overdue) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }

        public String urgency() {
            return plan.reminderUrgency(overdue);
        }
    }

    record OverdueAcknowledged(Therapy therapy, RecordedRefillPlan plan, String reason, OffsetDateTime acknowledgedAt)
            implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }
    }

    /**
     * A refill timer has failed this many times in a row: its reminder is not going out (URGENT for a
     * withdrawal-critical drug, else HIGH). plan may be null (it could not be read).
     */
    record RefillTimerFailing(Therapy therapy, RecordedRefillPlan plan, String timer, int failures, String lastFailure,
                              OffsetDateTime dueAt, OffsetDateTime nextAttemptAt) implements DosingEvent {
        public UUID pathwayId() {
            return therapy.pathwayId();
        }

        public String urgency() {
            return plan != null && plan.withdrawalCritical() ? "URGENT" : "HIGH";
        }
    }

    /** A library version published over a program in force it breaks, acknowledged: one per affected therapy. */
    record LibraryChangeAcknowledged(LibraryChange.AffectedTherapy affected, int libraryVersion, String reason,
                                     String acknowledgedBy, OffsetDateTime acknowledgedAt, int affectedTherapies)
            implements DosingEvent {
        public UUID pathwayId() {
            return affected.program().pathwayId();
        }
    }

    /** A trial's drug and dose checked against the library: within limits when there are no findings. */
    record TrialDoseChecked(UUID pathwayId, String patientRef, UUID trialId, String drug, BigDecimal dose,
                            String doseUnit, int libraryVersion, List<TrialDoseFinding> findings)
            implements DosingEvent {
        public boolean withinLimits() {
            return findings.isEmpty();
        }
    }
}
