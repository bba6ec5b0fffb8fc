package org.itpump.dosing.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.itpump.dosing.domain.DeliveryMode;
import org.itpump.dosing.domain.Indication;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "pump_program")
public class PumpProgramEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "therapy_id")
    public UUID therapyId;
    public String drug;
    @Column(name = "dose_unit")
    public String doseUnit;
    @Column(name = "concentration_per_ml")
    public BigDecimal concentrationPerMl;
    @Column(name = "daily_dose")
    public BigDecimal dailyDose;
    @Enumerated(EnumType.STRING)
    public DeliveryMode mode;
    @Column(name = "bolus_dose")
    public BigDecimal bolusDose;
    @Column(name = "bolus_lockout_minutes")
    public Integer bolusLockoutMinutes;
    @Column(name = "max_boluses_per_day")
    public Integer maxBolusesPerDay;
    /** Why the drug is given, where a rule depends on it (migration V6); null otherwise. */
    @Enumerated(EnumType.STRING)
    public Indication indication;
    @Column(name = "library_version")
    public int libraryVersion;
    @Column(name = "override_reason")
    public String overrideReason;
    @Column(name = "programmed_at")
    public OffsetDateTime programmedAt;
    @Column(name = "superseded_at")
    public OffsetDateTime supersededAt;
}
