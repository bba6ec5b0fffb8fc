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
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.ImplantProcedure;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.implant.domain.WithdrawalPlan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The implant_case table: maps {@link ImplantCase}, holds no rules. */
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
    /** Issue 15: the pump's label identifiers, and the catheter implanted with it (all optional). */
    @Column(name = "device_lot_number")
    public String deviceLotNumber;
    @Column(name = "device_expires_on")
    public LocalDate deviceExpiresOn;
    @Column(name = "device_udi")
    public String deviceUdi;
    @Column(name = "catheter_manufacturer")
    public String catheterManufacturer;
    @Column(name = "catheter_model")
    public String catheterModel;
    @Column(name = "catheter_serial")
    public String catheterSerial;
    @Column(name = "catheter_lot_number")
    public String catheterLotNumber;
    @Column(name = "catheter_expires_on")
    public LocalDate catheterExpiresOn;
    @Column(name = "catheter_udi")
    public String catheterUdi;
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

    /** The case this row holds. */
    public ImplantCase toCase() {
        ImplantCase.Implant implant = completedAt == null ? null : new ImplantCase.Implant(catheterEntryLevel,
                catheterTipLevel, pumpPocketSide, new ImplantCase.ImplantedPump(deviceManufacturer, deviceModel,
                deviceSerial, reservoirVolumeMl, lowReservoirAlarmMl, lowReservoirAlarmMinMl, lowReservoirAlarmMaxMl,
                pumpMechanism, mriSafety, mriSummary,
                mriConditions == null ? null : mriConditions.isEmpty() ? List.of() : List.of(mriConditions.split("\n")),
                mriSource, deviceCatalogueSource, deviceLotNumber, deviceExpiresOn, deviceUdi), anesthesia,
                procedureStartedAt, procedureEndedAt, completedAt, catheterManufacturer == null ? null
                : new ImplantProcedure.CatheterDevice(catheterManufacturer, catheterModel, catheterSerial,
                        catheterLotNumber, catheterExpiresOn, catheterUdi));
        ImplantCase.Explant explant = explantedAt == null ? null : new ImplantCase.Explant(explantReason, explantedAt,
                replacedByCaseId, withdrawalPlanKind == null ? null
                : new WithdrawalPlan(withdrawalPlanKind, withdrawalPlanStartedOn, withdrawalPlanDetail));
        ImplantCase.Closure closure = closedAt == null ? null : new ImplantCase.Closure(closeReason, closedAt);
        return new ImplantCase(id, pathwayId, patientRef, trialId, baselineNrs, path, replacesCaseId,
                replacementReason, status, openedAt, preOpChecklist, bookingId, implant, explant, closure);
    }

    static ImplantCaseEntity of(ImplantCase implantCase) {
        ImplantCaseEntity row = new ImplantCaseEntity();
        row.apply(implantCase);
        return row;
    }

    /** Writes {@code c}'s state into this row (the version stays: it guards concurrent changes). */
    void apply(ImplantCase c) {
        id = c.id();
        pathwayId = c.pathwayId();
        patientRef = c.patientRef();
        trialId = c.trialId();
        baselineNrs = c.baselineNrs();
        path = c.path();
        replacesCaseId = c.replacesCaseId();
        replacementReason = c.replacementReason();
        status = c.status();
        openedAt = c.openedAt();
        preOpChecklist = c.preOpChecklist().isEmpty() ? EnumSet.noneOf(PreOpItem.class) : EnumSet.copyOf(c.preOpChecklist());
        bookingId = c.bookingId();
        ImplantCase.Implant implant = c.implant();
        ImplantCase.ImplantedPump pump = implant == null ? null : implant.pump();
        completedAt = implant == null ? null : implant.completedAt();
        catheterEntryLevel = implant == null ? null : implant.catheterEntryLevel();
        catheterTipLevel = implant == null ? null : implant.catheterTipLevel();
        pumpPocketSide = implant == null ? null : implant.pumpPocketSide();
        anesthesia = implant == null ? null : implant.anesthesia();
        procedureStartedAt = implant == null ? null : implant.procedureStartedAt();
        procedureEndedAt = implant == null ? null : implant.procedureEndedAt();
        deviceManufacturer = pump == null ? null : pump.manufacturer();
        deviceModel = pump == null ? null : pump.model();
        deviceSerial = pump == null ? null : pump.serialNumber();
        reservoirVolumeMl = pump == null ? null : pump.reservoirVolumeMl();
        lowReservoirAlarmMl = pump == null ? null : pump.lowReservoirAlarmMl();
        lowReservoirAlarmMinMl = pump == null ? null : pump.lowReservoirAlarmMinMl();
        lowReservoirAlarmMaxMl = pump == null ? null : pump.lowReservoirAlarmMaxMl();
        pumpMechanism = pump == null ? null : pump.mechanism();
        mriSafety = pump == null ? null : pump.mriSafety();
        mriSummary = pump == null ? null : pump.mriSummary();
        mriConditions = pump == null || pump.mriConditions() == null ? null : String.join("\n", pump.mriConditions());
        mriSource = pump == null ? null : pump.mriSource();
        deviceCatalogueSource = pump == null ? null : pump.catalogueSource();
        deviceLotNumber = pump == null ? null : pump.lotNumber();
        deviceExpiresOn = pump == null ? null : pump.expiresOn();
        deviceUdi = pump == null ? null : pump.udi();
        ImplantProcedure.CatheterDevice catheter = implant == null ? null : implant.catheter();
        catheterManufacturer = catheter == null ? null : catheter.manufacturer();
        catheterModel = catheter == null ? null : catheter.model();
        catheterSerial = catheter == null ? null : catheter.serialNumber();
        catheterLotNumber = catheter == null ? null : catheter.lotNumber();
        catheterExpiresOn = catheter == null ? null : catheter.expiresOn();
        catheterUdi = catheter == null ? null : catheter.udi();
        ImplantCase.Explant explant = c.explant();
        WithdrawalPlan plan = explant == null ? null : explant.withdrawalPlan();
        explantedAt = explant == null ? null : explant.explantedAt();
        explantReason = explant == null ? null : explant.reason();
        replacedByCaseId = explant == null ? null : explant.replacedByCaseId();
        withdrawalPlanKind = plan == null ? null : plan.kind();
        withdrawalPlanStartedOn = plan == null ? null : plan.startedOn();
        withdrawalPlanDetail = plan == null ? null : plan.detail();
        ImplantCase.Closure closure = c.closure();
        closedAt = closure == null ? null : closure.closedAt();
        closeReason = closure == null ? null : closure.reason();
    }
}
