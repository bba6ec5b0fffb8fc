package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.trial.domain.CancellationReason;
import org.itpump.trial.domain.DoseCheck;
import org.itpump.trial.domain.DoseHold;
import org.itpump.trial.domain.DoseUnit;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.domain.Trial;
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.domain.TrialType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The trial table: maps {@link Trial}, holds no rules. */
@Entity
@Table(name = "trial")
public class TrialEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "pathway_id")
    public UUID pathwayId;
    @Column(name = "patient_ref")
    public String patientRef;
    @Column(name = "baseline_nrs")
    public int baselineNrs;
    @Enumerated(EnumType.STRING)
    public TrialStatus status;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    @Column(name = "relief_percent")
    public BigDecimal reliefPercent;
    @Column(name = "mean_assessed_nrs")
    public BigDecimal meanAssessedNrs;
    @Column(name = "threshold_percent")
    public BigDecimal thresholdPercent;
    @Column(name = "candidate_id")
    public UUID candidateId;
    @Enumerated(EnumType.STRING)
    public Indication indication;
    @Enumerated(EnumType.STRING)
    @Column(name = "trial_type")
    public TrialType trialType;
    public String drug;
    public BigDecimal dose;
    @Enumerated(EnumType.STRING)
    @Column(name = "dose_unit")
    public DoseUnit doseUnit;
    @Column(name = "window_ends_at")
    public OffsetDateTime windowEndsAt;
    @Column(name = "decision_passed")
    public Boolean decisionPassed;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_reason")
    public CancellationReason cancellationReason;
    @Column(name = "cancellation_note")
    public String cancellationNote;
    @Column(name = "dose_check_library_version")
    public Integer doseCheckLibraryVersion;
    @Column(name = "dose_check_within_limits")
    public Boolean doseCheckWithinLimits;
    @Convert(converter = DoseFindingsConverter.class)
    @Column(name = "dose_check_findings")
    public List<DoseCheck.Finding> doseCheckFindings;
    @Column(name = "dose_checked_at")
    public OffsetDateTime doseCheckedAt;
    @Column(name = "dose_override_reason")
    public String doseOverrideReason;
    @Column(name = "dose_override_by")
    public String doseOverrideBy;
    @Column(name = "dose_override_at")
    public OffsetDateTime doseOverrideAt;
    @Version
    public long version;

    /** The trial this row holds. */
    public Trial toTrial() {
        Trial.Decision decision = decidedAt == null ? null
                : new Trial.Decision(decisionPassed, reliefPercent, meanAssessedNrs, thresholdPercent, decidedAt);
        Trial.Cancellation cancellation = cancelledAt == null ? null
                : new Trial.Cancellation(cancellationReason, cancellationNote, cancelledAt);
        DoseCheck check = doseCheckedAt == null ? null
                : new DoseCheck(doseCheckLibraryVersion, doseCheckWithinLimits, doseCheckFindings);
        DoseHold.DoseOverride override = doseOverrideAt == null ? null
                : new DoseHold.DoseOverride(doseOverrideReason, doseOverrideBy, doseOverrideAt);
        return new Trial(id, pathwayId, candidateId, patientRef, indication, trialType, drug, dose, doseUnit,
                baselineNrs, status, startedAt, windowEndsAt, decision, cancellation, check, doseCheckedAt, override);
    }

    /** A new row for {@code trial}. */
    static TrialEntity of(Trial trial) {
        TrialEntity row = new TrialEntity();
        row.apply(trial);
        return row;
    }

    /** Writes {@code trial}'s state into this row (the version stays: it guards concurrent changes). */
    void apply(Trial t) {
        id = t.id();
        pathwayId = t.pathwayId();
        candidateId = t.candidateId();
        patientRef = t.patientRef();
        indication = t.indication();
        trialType = t.trialType();
        drug = t.drug();
        dose = t.dose();
        doseUnit = t.doseUnit();
        baselineNrs = t.baselineNrs();
        status = t.status();
        startedAt = t.startedAt();
        windowEndsAt = t.windowEndsAt();
        Trial.Decision d = t.decision();
        decidedAt = d == null ? null : d.decidedAt();
        decisionPassed = d == null ? null : d.passed();
        reliefPercent = d == null ? null : d.reliefPercent();
        meanAssessedNrs = d == null ? null : d.meanAssessedNrs();
        thresholdPercent = d == null ? null : d.thresholdPercent();
        Trial.Cancellation c = t.cancellation();
        cancelledAt = c == null ? null : c.cancelledAt();
        cancellationReason = c == null ? null : c.reason();
        cancellationNote = c == null ? null : c.note();
        DoseCheck check = t.doseCheck();
        doseCheckedAt = t.doseCheckedAt();
        doseCheckLibraryVersion = check == null ? null : check.libraryVersion();
        doseCheckWithinLimits = check == null ? null : check.withinLimits();
        doseCheckFindings = check == null ? null : check.findings();
        DoseHold.DoseOverride o = t.doseOverride();
        doseOverrideReason = o == null ? null : o.reason();
        doseOverrideBy = o == null ? null : o.by();
        doseOverrideAt = o == null ? null : o.recordedAt();
    }
}
