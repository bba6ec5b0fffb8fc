package org.itpump.followup.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One outcome assessment with its comparison against the pre-trial baseline, as computed when recorded. */
@Entity
@Table(name = "outcome")
public class OutcomeEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "plan_id")
    public UUID planId;
    @Column(name = "assessed_at")
    public OffsetDateTime assessedAt;
    @Column(name = "pain_nrs")
    public int painNrs;
    @Column(name = "rigidity_score")
    public int rigidityScore;
    @Column(name = "spasm_score")
    public int spasmScore;
    @Column(name = "oral_mme_per_day")
    public BigDecimal oralMmePerDay;
    @Column(name = "pain_reduction_nrs")
    public int painReductionNrs;
    /** Null when the baseline NRS was 0 (no percentage of zero). */
    @Column(name = "pain_reduction_percent")
    public BigDecimal painReductionPercent;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
