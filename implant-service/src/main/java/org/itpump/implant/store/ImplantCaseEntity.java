package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.implant.domain.DeviceCatalogue;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.ImplantProcedure;
import org.itpump.implant.domain.PreOpChecklist;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.implant.domain.WithdrawalPlan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
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
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
    @Column(name = "reservoir_volume_ml")
    public BigDecimal reservoirVolumeMl;
    @Convert(converter = PreOpItemsConverter.class)
    @Column(name = "pre_op_checklist")
    public Set<PreOpItem> preOpChecklist;
    @Column(name = "booking_id")
    public UUID bookingId;
    @Column(name = "catheter_entry_level")
    public String catheterEntryLevel;
    @Column(name = "catheter_tip_level")
    public String catheterTipLevel;
    @Enumerated(EnumType.STRING)
    @Column(name = "pump_pocket_side")
    public ImplantProcedure.PocketSide pumpPocketSide;
    @Column(name = "device_manufacturer")
    public String deviceManufacturer;
    @Column(name = "device_model")
    public String deviceModel;
    @Column(name = "device_serial")
    public String deviceSerial;
    @Enumerated(EnumType.STRING)
    public ImplantProcedure.Anesthesia anesthesia;
    @Column(name = "procedure_started_at")
    public OffsetDateTime procedureStartedAt;
    @Column(name = "procedure_ended_at")
    public OffsetDateTime procedureEndedAt;
    @Column(name = "explanted_at")
    public OffsetDateTime explantedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "explant_reason")
    public ExplantReason explantReason;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "close_reason")
    public String closeReason;
    /** The device catalogue's facts of the implanted pump (null for cases completed before the catalogue). */
    @Column(name = "low_reservoir_alarm_ml")
    public BigDecimal lowReservoirAlarmMl;
    @Column(name = "low_reservoir_alarm_min_ml")
    public BigDecimal lowReservoirAlarmMinMl;
    @Column(name = "low_reservoir_alarm_max_ml")
    public BigDecimal lowReservoirAlarmMaxMl;
    @Enumerated(EnumType.STRING)
    @Column(name = "pump_mechanism")
    public DeviceCatalogue.PumpMechanism pumpMechanism;
    @Enumerated(EnumType.STRING)
    @Column(name = "mri_safety")
    public DeviceCatalogue.MriSafety mriSafety;
    @Column(name = "mri_summary")
    public String mriSummary;
    /** One condition per line. */
    @Column(name = "mri_conditions")
    public String mriConditions;
    @Column(name = "mri_source")
    public String mriSource;
    @Column(name = "device_catalogue_source")
    public String deviceCatalogueSource;
    /** TRIAL (opened by a passed trial) or REPLACEMENT (a new pump for {@link #replacesCaseId}'s). */
    @Enumerated(EnumType.STRING)
    public ImplantPath path;
    @Column(name = "replaces_case_id")
    public UUID replacesCaseId;
    @Enumerated(EnumType.STRING)
    @Column(name = "replacement_reason")
    public ExplantReason replacementReason;
    @Column(name = "replaced_by_case_id")
    public UUID replacedByCaseId;
    @Enumerated(EnumType.STRING)
    @Column(name = "withdrawal_plan_kind")
    public WithdrawalPlan.Kind withdrawalPlanKind;
    @Column(name = "withdrawal_plan_started_on")
    public LocalDate withdrawalPlanStartedOn;
    @Column(name = "withdrawal_plan_detail")
    public String withdrawalPlanDetail;
    @Version
    public long version;

    /** The withdrawal plan recorded with the explant, or null. */
    public WithdrawalPlan withdrawalPlan() {
        return withdrawalPlanKind == null ? null
                : new WithdrawalPlan(withdrawalPlanKind, withdrawalPlanStartedOn, withdrawalPlanDetail);
    }

    public PreOpChecklist checklist() {
        return new PreOpChecklist(preOpChecklist);
    }

    /** Records the implanted pump as the catalogue names it (its spelling) with the catalogue's facts. */
    public void recordDevice(DeviceCatalogue.PumpModel pump) {
        deviceManufacturer = pump.manufacturer();
        deviceModel = pump.model();
        lowReservoirAlarmMl = pump.lowReservoirAlarm().defaultMl();
        lowReservoirAlarmMinMl = pump.lowReservoirAlarm().minMl();
        lowReservoirAlarmMaxMl = pump.lowReservoirAlarm().maxMl();
        pumpMechanism = pump.mechanism();
        mriSafety = pump.mri().safety();
        mriSummary = pump.mri().summary();
        mriConditions = String.join("\n", pump.mri().conditions());
        mriSource = pump.mri().source();
        deviceCatalogueSource = pump.source();
    }
}
