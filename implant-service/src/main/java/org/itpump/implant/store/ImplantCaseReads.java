package org.itpump.implant.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.implant.domain.DeviceCatalogue;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.ImplantProcedure;
import org.itpump.implant.domain.WithdrawalPlan;

import java.util.UUID;
import java.util.function.Function;

/**
 * The read path of one case (GET /implant-cases/{id}, issue 17): one select of the row's columns on the reactive SQL
 * client, mapped straight to {@link ImplantCase}, with no Hibernate session, persistence context or managed entity
 * (nothing to flush or dirty-check: the read changes nothing). The mapping to the domain is the entity's own
 * ({@link ImplantCaseEntity#toCase()}, on an unmanaged instance), so a read shows exactly what a write stored.
 */
@ApplicationScoped
public class ImplantCaseReads {

    private static final String SELECT = """
            select id, pathway_id, patient_ref, trial_id, baseline_nrs, status, opened_at, completed_at,
                   reservoir_volume_ml, pre_op_checklist, booking_id, catheter_entry_level, catheter_tip_level,
                   pump_pocket_side, device_manufacturer, device_model, device_serial, anesthesia, procedure_started_at,
                   procedure_ended_at, explanted_at, explant_reason, closed_at, close_reason, low_reservoir_alarm_ml,
                   low_reservoir_alarm_min_ml, low_reservoir_alarm_max_ml, pump_mechanism, mri_safety, mri_summary,
                   mri_conditions, mri_source, device_catalogue_source, device_lot_number, device_expires_on, device_udi,
                   catheter_manufacturer, catheter_model, catheter_serial, catheter_lot_number, catheter_expires_on,
                   catheter_udi, path, replaces_case_id, replacement_reason, replaced_by_case_id, withdrawal_plan_kind,
                   withdrawal_plan_started_on, withdrawal_plan_detail, version
            from implant_case where id = $1""";

    private static final PreOpItemsConverter PRE_OP = new PreOpItemsConverter();

    private final Pool pool;

    ImplantCaseReads(Pool pool) {
        this.pool = pool;
    }

    /** The case, or 404 (ResourceNotFoundException). */
    public Uni<ImplantCase> require(UUID caseId) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(caseId)).map(rows -> {
            if (rows.size() == 0) {
                throw new ResourceNotFoundException("Implant case", caseId);
            }
            return of(rows.iterator().next()).toCase();
        });
    }

    private static ImplantCaseEntity of(Row r) {
        ImplantCaseEntity c = new ImplantCaseEntity();
        c.id = r.getUUID("id");
        c.pathwayId = r.getUUID("pathway_id");
        c.patientRef = r.getString("patient_ref");
        c.trialId = r.getUUID("trial_id");
        c.baselineNrs = r.getInteger("baseline_nrs");
        c.status = named(r, "status", ImplantCaseStatus::valueOf);
        c.openedAt = r.getOffsetDateTime("opened_at");
        c.completedAt = r.getOffsetDateTime("completed_at");
        c.reservoirVolumeMl = r.getBigDecimal("reservoir_volume_ml");
        c.preOpChecklist = PRE_OP.convertToEntityAttribute(r.getString("pre_op_checklist"));
        c.bookingId = r.getUUID("booking_id");
        c.catheterEntryLevel = r.getString("catheter_entry_level");
        c.catheterTipLevel = r.getString("catheter_tip_level");
        c.pumpPocketSide = named(r, "pump_pocket_side", ImplantProcedure.PocketSide::valueOf);
        c.deviceManufacturer = r.getString("device_manufacturer");
        c.deviceModel = r.getString("device_model");
        c.deviceSerial = r.getString("device_serial");
        c.anesthesia = named(r, "anesthesia", ImplantProcedure.Anesthesia::valueOf);
        c.procedureStartedAt = r.getOffsetDateTime("procedure_started_at");
        c.procedureEndedAt = r.getOffsetDateTime("procedure_ended_at");
        c.explantedAt = r.getOffsetDateTime("explanted_at");
        c.explantReason = named(r, "explant_reason", ExplantReason::valueOf);
        c.closedAt = r.getOffsetDateTime("closed_at");
        c.closeReason = r.getString("close_reason");
        c.lowReservoirAlarmMl = r.getBigDecimal("low_reservoir_alarm_ml");
        c.lowReservoirAlarmMinMl = r.getBigDecimal("low_reservoir_alarm_min_ml");
        c.lowReservoirAlarmMaxMl = r.getBigDecimal("low_reservoir_alarm_max_ml");
        c.pumpMechanism = named(r, "pump_mechanism", DeviceCatalogue.PumpMechanism::valueOf);
        c.mriSafety = named(r, "mri_safety", DeviceCatalogue.MriSafety::valueOf);
        c.mriSummary = r.getString("mri_summary");
        c.mriConditions = r.getString("mri_conditions");
        c.mriSource = r.getString("mri_source");
        c.deviceCatalogueSource = r.getString("device_catalogue_source");
        c.deviceLotNumber = r.getString("device_lot_number");
        c.deviceExpiresOn = r.getLocalDate("device_expires_on");
        c.deviceUdi = r.getString("device_udi");
        c.catheterManufacturer = r.getString("catheter_manufacturer");
        c.catheterModel = r.getString("catheter_model");
        c.catheterSerial = r.getString("catheter_serial");
        c.catheterLotNumber = r.getString("catheter_lot_number");
        c.catheterExpiresOn = r.getLocalDate("catheter_expires_on");
        c.catheterUdi = r.getString("catheter_udi");
        c.path = named(r, "path", ImplantPath::valueOf);
        c.replacesCaseId = r.getUUID("replaces_case_id");
        c.replacementReason = named(r, "replacement_reason", ExplantReason::valueOf);
        c.replacedByCaseId = r.getUUID("replaced_by_case_id");
        c.withdrawalPlanKind = named(r, "withdrawal_plan_kind", WithdrawalPlan.Kind::valueOf);
        c.withdrawalPlanStartedOn = r.getLocalDate("withdrawal_plan_started_on");
        c.withdrawalPlanDetail = r.getString("withdrawal_plan_detail");
        c.version = r.getLong("version");
        return c;
    }

    /** An enum column (stored by name, as the entity's {@code EnumType.STRING}); null stays null. */
    private static <E> E named(Row row, String column, Function<String, E> valueOf) {
        String name = row.getString(column);
        return name == null ? null : valueOf.apply(name);
    }
}
