package org.itpump.followup.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.followup.domain.MonitoringPlanStatus;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "monitoring_plan")
public class MonitoringPlanEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "pathway_id")
    public UUID pathwayId;
    @Column(name = "patient_ref")
    public String patientRef;
    @Column(name = "implant_case_id")
    public UUID implantCaseId;
    @Column(name = "baseline_nrs")
    public int baselineNrs;
    @Enumerated(EnumType.STRING)
    public MonitoringPlanStatus status;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Version
    public long version;
}
