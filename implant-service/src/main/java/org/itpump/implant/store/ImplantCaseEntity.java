package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.implant.domain.ImplantCaseStatus;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "implant_case")
public class ImplantCaseEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "pathway_id")
    public UUID pathwayId;
    @Column(name = "patient_ref")
    public String patientRef;
    @Column(name = "trial_id")
    public UUID trialId;
    @Column(name = "baseline_nrs")
    public int baselineNrs;
    @Enumerated(EnumType.STRING)
    public ImplantCaseStatus status;
    @Column(name = "opened_at")
    public OffsetDateTime openedAt;
    @Column(name = "scheduled_start")
    public OffsetDateTime scheduledStart;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
    @Column(name = "reservoir_volume_ml")
    public BigDecimal reservoirVolumeMl;
    @Version
    public long version;
}
