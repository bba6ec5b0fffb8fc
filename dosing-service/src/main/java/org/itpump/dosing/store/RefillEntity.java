package org.itpump.dosing.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "refill")
public class RefillEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "therapy_id")
    public UUID therapyId;
    @Column(name = "filled_on")
    public LocalDate filledOn;
    @Column(name = "volume_added_ml")
    public BigDecimal volumeAddedMl;
    @Column(name = "concentration_per_ml")
    public BigDecimal concentrationPerMl;
    public String lot;
    @Column(name = "first_fill")
    public boolean firstFill;
    public boolean diluted;
    @Column(name = "expected_residual_ml")
    public BigDecimal expectedResidualMl;
    @Column(name = "measured_residual_ml")
    public BigDecimal measuredResidualMl;
    @Column(name = "pocket_fill_threshold_ml")
    public BigDecimal pocketFillThresholdMl;
    @Column(name = "possible_pocket_fill")
    public boolean possiblePocketFill;
    @Column(name = "refill_due_on")
    public LocalDate refillDueOn;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
