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
import org.itpump.followup.domain.plan.PostImplantMonitoring;
import org.itpump.followup.domain.plan.PlanChoices;
import org.itpump.followup.domain.plan.Stay;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The row of a {@link PostImplantMonitoring}: its identity and state, plus exactly what rebuilds its schedule. */
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
    /** When the completion was recorded (implant.completed completedAt); shown, no date counts from it. */
    @Column(name = "implant_completed_at")
    public OffsetDateTime implantCompletedAt;
    /** When the implant procedure ended (implant.completed procedureEndedAt): every date of the plan counts from it. */
    @Column(name = "procedure_ended_at")
    public OffsetDateTime procedureEndedAt;
    @Enumerated(EnumType.STRING)
    public Stay stay;
    /** The drug the pump was first programmed with; null until dosing says. */
    @Column(name = "started_drug")
    public String startedDrug;
    @Column(name = "device_manufacturer")
    public String deviceManufacturer;
    @Column(name = "device_model")
    public String deviceModel;
    @Column(name = "discharge_override_reason")
    public String dischargeOverrideReason;
    @Column(name = "discharge_override_by")
    public String dischargeOverrideBy;
    /** The implant case whose surgery replaced this plan's pump (implant.explanted replacedByCaseId), or null. */
    @Column(name = "replaced_by_case_id")
    public UUID replacedByCaseId;
    /** The zone when the plan opened: a later configuration change must not move its dates. */
    @Column(name = "hospital_zone")
    public String hospitalZone;
    @Column(name = "observation_hours")
    public int observationHours;
    @Column(name = "activity_restriction_weeks")
    public int activityRestrictionWeeks;
    @Column(name = "driving_restriction_weeks")
    public int drivingRestrictionWeeks;
    @Column(name = "oral_medication_weeks")
    public int oralMedicationWeeks;
    @Column(name = "wound_check_day")
    public int woundCheckDay;
    @Column(name = "suture_removal_day")
    public int sutureRemovalDay;
    @Column(name = "monitoring_window_weeks")
    public int monitoringWindowWeeks;
    @Column(name = "discharged_at")
    public OffsetDateTime dischargedAt;
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
    @Column(name = "end_reason")
    public String endReason;
    @Version
    public long version;

    public PlanChoices choices() {
        return new PlanChoices(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks,
                woundCheckDay, sutureRemovalDay, monitoringWindowWeeks, stay);
    }

    public void choose(PlanChoices choices) {
        observationHours = choices.observationHours();
        activityRestrictionWeeks = choices.activityRestrictionWeeks();
        drivingRestrictionWeeks = choices.drivingRestrictionWeeks();
        oralMedicationWeeks = choices.oralMedicationWeeks();
        woundCheckDay = choices.woundCheckDay();
        sutureRemovalDay = choices.sutureRemovalDay();
        monitoringWindowWeeks = choices.monitoringWindowWeeks();
        stay = choices.stay();
    }

}
