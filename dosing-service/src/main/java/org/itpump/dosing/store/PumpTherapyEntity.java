package org.itpump.dosing.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.dosing.domain.PumpTherapyStatus;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "pump_therapy")
public class PumpTherapyEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "pathway_id")
    public UUID pathwayId;
    @Column(name = "patient_ref")
    public String patientRef;
    @Column(name = "implant_case_id")
    public UUID implantCaseId;
    @Column(name = "reservoir_volume_ml")
    public BigDecimal reservoirVolumeMl;
    /** The implanted pump's low-reservoir alarm volume (mL, from implant.completed); refills are planned to it. */
    @Column(name = "low_reservoir_alarm_ml")
    public BigDecimal lowReservoirAlarmMl;
    @Enumerated(EnumType.STRING)
    public PumpTherapyStatus status;
    @Column(name = "opened_at")
    public OffsetDateTime openedAt;
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
    @Column(name = "end_reason")
    public String endReason;
    @Version
    public long version;
}
