package org.itpump.followup.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The drug of one pump therapy as dosing-service published it: first program and current program. */
@Entity
@Table(name = "pump_drug")
public class PumpDrugEntity extends PanacheEntityBase {
    @Id
    @Column(name = "therapy_id")
    public UUID therapyId;
    @Column(name = "pathway_id")
    public UUID pathwayId;
    @Column(name = "first_drug")
    public String firstDrug;
    @Column(name = "current_drug")
    public String currentDrug;
    @Column(name = "first_programmed_at")
    public OffsetDateTime firstProgrammedAt;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
