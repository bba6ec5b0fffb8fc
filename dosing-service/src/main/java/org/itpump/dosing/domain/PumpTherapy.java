package org.itpump.dosing.domain;

import org.itpump.chassis.time.Times;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The pump therapy of one implanted pump, from implant.completed until the pump is removed: the aggregate whose
 * clinical acts (program, recordRefill, replan, acknowledgeOverdue, endForExplant) check their rules, change its
 * state and return the events they caused. Volumes in mL; doses exact decimals in the drug's unit. What an act
 * needs of the therapy's history (its programs, last refill, plan in force, the programs as timeline periods under
 * the library versions that checked them) is handed to it; the act returns what is to be stored.
 */
public final class PumpTherapy {

    /** The end reason of a therapy ended by implant.explanted. */
    public static final String EXPLANTED = "EXPLANTED";

    private final UUID id;
    private final UUID pathwayId;
    private final String patientRef;
    private final UUID implantCaseId;
    private final BigDecimal reservoirVolumeMl;
    private final BigDecimal lowReservoirAlarmMl;
    private PumpTherapyStatus status;
    private final OffsetDateTime openedAt;
    private OffsetDateTime endedAt;
    private String endReason;

    /** A therapy as stored (persistence maps it back with this). */
    public PumpTherapy(UUID id, UUID pathwayId, String patientRef, UUID implantCaseId, BigDecimal reservoirVolumeMl,
                       BigDecimal lowReservoirAlarmMl, PumpTherapyStatus status, OffsetDateTime openedAt,
                       OffsetDateTime endedAt, String endReason) {
        this.id = id;
        this.pathwayId = pathwayId;
        this.patientRef = patientRef;
        this.implantCaseId = implantCaseId;
        this.reservoirVolumeMl = reservoirVolumeMl;
        this.lowReservoirAlarmMl = lowReservoirAlarmMl;
        this.status = status;
        this.openedAt = openedAt;
        this.endedAt = endedAt;
        this.endReason = endReason;
    }

    /**
     * Opens the therapy of a pump just implanted (dosing.therapy-opened). A low-reservoir alarm volume not below
     * the reservoir volume is refused (RuleViolationException): no fill could then be planned.
     */
    public static Acted<PumpTherapy> openForImplant(UUID pathwayId, String patientRef, UUID implantCaseId,
                                                    BigDecimal reservoirVolumeMl, BigDecimal lowReservoirAlarmMl,
                                                    Instant at) {
        if (lowReservoirAlarmMl.compareTo(reservoirVolumeMl) >= 0) {
            throw new RuleViolationException("The low-reservoir alarm volume " + lowReservoirAlarmMl.toPlainString()
                    + " mL of implant case " + implantCaseId + " is not below its reservoir volume "
                    + reservoirVolumeMl.toPlainString() + " mL");
        }
        PumpTherapy therapy = new PumpTherapy(UUID.randomUUID(), pathwayId, patientRef, implantCaseId,
                reservoirVolumeMl, lowReservoirAlarmMl, PumpTherapyStatus.ACTIVE, Times.utc(at), null, null);
        return new Acted<>(therapy, List.of(new DosingEvent.TherapyOpened(therapy.ref(), implantCaseId,
                reservoirVolumeMl, lowReservoirAlarmMl, therapy.openedAt)));
    }

    /** The pump was removed: the therapy ends (dosing.therapy-ended); a therapy already ended changes nothing. */
    public List<DosingEvent> endForExplant(Instant at) {
        if (status == PumpTherapyStatus.ENDED) {
            return List.of();
        }
        status = status.transitionTo(PumpTherapyStatus.ENDED);
        endedAt = Times.utc(at);
        endReason = EXPLANTED;
        return List.of(new DosingEvent.TherapyEnded(ref(), endReason, endedAt));
    }

    /** A new program and the one it superseded (null for the therapy's first). */
    public record ProgramChange(RecordedProgram program, RecordedProgram superseded) {
    }

    /**
     * Programs the pump with a program already held to the drug's hard limits ({@link PumpProgram}). Outside the
     * soft limits needs overrideReason (dosing.limit-override, one per limit passed). A change of the same drug
     * obeys its step rules ({@link DoseChangeRules}) over the changes of its total possible daily dose (a switch to
     * bolus mode counts as the increase it is) and the withdrawal rule for cuts; a new drug starts its own
     * titration. The indication is as ordered or kept from the drug's run ({@link #indicationOf}). Emits
     * dosing.pump-programmed for the first program, dosing.dose-changed for the next.
     *
     * @param history the therapy's programs, oldest first
     */
    public Acted<ProgramChange> program(PumpProgram program, String overrideReason, Indication ordered,
                                        List<RecordedProgram> history, Instant at) {
        requireActive();
        Drug drug = program.drug();
        List<LimitOverride> overrides = new ArrayList<>();
        program.softLimitCheck().acceptWith(overrideReason).ifPresent(overrides::add);
        RecordedProgram previous = history.isEmpty() ? null : history.get(history.size() - 1);
        boolean sameDrug = previous != null && previous.drug().equals(drug.code());
        Indication indication = indicationOf(drug, ordered, sameDrug ? previous.indication() : null);
        if (sameDrug) { // a new drug starts its own titration
            DoseChangeRules.check(drug, doseChanges(history, drug.code()),
                    new DoseChange(at, previous.totalPossibleDailyDose(), program.totalPossibleDailyDose()),
                    startOfRun(history, drug.code()), indication);
            drug.checkDecrease(previous.dailyDose(), program.dailyDose(), overrideReason).ifPresent(overrides::add);
        }
        OffsetDateTime programmedAt = Times.utc(at);
        RecordedProgram recorded = new RecordedProgram(UUID.randomUUID(), id, drug.code(), drug.unit().symbol(),
                program.concentrationPerMl(), program.dailyDose(), program.mode(), program.bolusDose(),
                program.bolusLockoutMinutes(), program.maxBolusesPerDay(), indication, program.libraryVersion(),
                overrides.stream().findFirst().map(LimitOverride::reason).orElse(null), programmedAt, null);
        RecordedProgram superseded = previous == null ? null : previous.supersededAt(programmedAt);
        List<DosingEvent> events = new ArrayList<>();
        events.add(new DosingEvent.Programmed(ref(), recorded, superseded));
        overrides.forEach(o -> events.add(new DosingEvent.LimitOverridden(ref(), recorded, o)));
        return new Acted<>(new ProgramChange(recorded, superseded), events);
    }

    /** A refill and the plan of the next one made at it. */
    public record Refilled(RecordedRefill refill, RecordedRefillPlan plan) {
    }

    /**
     * Records a refill (dosing.refill-recorded). Refused: with no program (409); a concentration other than the
     * program's, after exact conversion to its unit (422: reprogram first); more than the reservoir holds (422); a
     * fill dated in the future or before the previous fill (422, {@link ReservoirFill#requireDated}); a first fill
     * above the drug's first-fill concentration (422). With a measured residual and a previous fill, the
     * {@link ResidualVolumeCheck} against the previous fill's timeline flags a possible pocket fill. The next
     * refill is planned at now from this fill's timeline ({@link ReservoirTimeline#planAt}) to the pump's
     * low-reservoir alarm volume.
     *
     * @param inForce          the program in force, or null
     * @param previous         the therapy's last refill, or null
     * @param planBefore       the plan in force, or null
     * @param periods          the therapy's programs as timeline periods, oldest first
     * @param pocketFillThresholdPerMl mL of shortfall per mL of reservoir that flags a pocket fill
     */
    public Acted<Refilled> recordRefill(ReservoirRefill order, RecordedProgram inForce, RecordedRefill previous,
                                        RecordedRefillPlan planBefore, List<ReservoirTimeline.ProgramPeriod> periods,
                                        ZoneId hospitalZone, BigDecimal pocketFillThresholdPerMl, Instant now) {
        requireActive();
        if (inForce == null) {
            throw new StateConflictException("Program the pump before recording a refill");
        }
        BigDecimal concentration = new DoseQuantity(order.concentrationPerMl(), order.concentrationUnit()).in(
                inForce.drug(), inForce.unit(), DoseQuantity.Kind.CONCENTRATION, "refill concentration");
        if (inForce.concentrationPerMl().compareTo(concentration) != 0) {
            throw new RuleViolationException("The refill concentration " + concentration.toPlainString()
                    + " " + inForce.doseUnit() + "/mL differs from the programmed "
                    + inForce.concentrationPerMl().toPlainString() + " " + inForce.doseUnit()
                    + "/mL: reprogram the pump first");
        }
        if (order.volumeAddedMl().compareTo(reservoirVolumeMl) > 0) {
            throw new RuleViolationException("The refill of " + order.volumeAddedMl().toPlainString()
                    + " mL exceeds the reservoir of " + reservoirVolumeMl.toPlainString() + " mL");
        }
        LocalDate today = LocalDate.ofInstant(now, hospitalZone);
        LocalDate filledOn = order.filledOn() == null ? today : order.filledOn();
        // The first refill of a therapy is its first fill, unless the request says otherwise.
        boolean firstFill = order.firstFill() == null ? previous == null : order.firstFill();
        ReservoirFill fill = new ReservoirFill(filledOn, order.volumeAddedMl(), firstFill, order.diluted());
        fill.requireDated(today, previous == null ? null : previous.filledOn());
        if (firstFill) {
            periods.get(periods.size() - 1).program().drug().requireFirstFillConcentration(concentration);
        }
        ReservoirTimeline timeline = ReservoirTimeline.of(fill, hospitalZone, periods);
        ResidualVolumeCheck check = null;
        if (previous != null && order.measuredResidualMl() != null) {
            BigDecimal expected = ReservoirTimeline.of(previous.fill(), hospitalZone, periods)
                    .volumeAt(timeline.filledAt());
            check = ResidualVolumeCheck.of(expected, order.measuredResidualMl(), reservoirVolumeMl,
                    pocketFillThresholdPerMl);
        }
        RefillPlan plan = timeline.planAt(now, lowReservoirAlarmMl);
        RecordedRefill refill = new RecordedRefill(UUID.randomUUID(), id, filledOn, order.volumeAddedMl(),
                concentration, order.lot(), firstFill, order.diluted(),
                check == null ? null : check.expectedResidualMl(), order.measuredResidualMl(),
                check == null ? null : check.thresholdMl(), check != null && check.possiblePocketFill(),
                plan.refillDueDate(), Times.utc(now));
        RecordedRefillPlan recordedPlan = RecordedRefillPlan.of(refill, inForce, plan,
                RecordedRefillPlan.PLANNED_AT_REFILL, planBefore);
        return new Acted<>(new Refilled(refill, recordedPlan),
                List.of(new DosingEvent.RefillRecorded(ref(), refill, inForce.unit())));
    }

    /**
     * The plan of the last refill made again at now, from the volume left, because the program changed
     * (dosing.refill-replanned): the old plan stays as history, previousRefillDueOn keeps its due date.
     *
     * @param programs the therapy's programs, the new one last, as timeline periods
     * @param inForce  the new program
     */
    public Acted<RecordedRefillPlan> replanForProgramChange(RecordedRefill lastRefill, RecordedProgram inForce,
                                                            List<ReservoirTimeline.ProgramPeriod> programs,
                                                            RecordedRefillPlan planBefore, ZoneId hospitalZone,
                                                            Instant now) {
        RefillPlan plan = ReservoirTimeline.of(lastRefill.fill(), hospitalZone, programs).planAt(now, lowReservoirAlarmMl);
        RecordedRefillPlan recorded = RecordedRefillPlan.of(lastRefill, inForce, plan,
                RecordedRefillPlan.REPLANNED_PROGRAM_CHANGED, planBefore);
        return new Acted<>(recorded, List.of(new DosingEvent.RefillReplanned(ref(), recorded)));
    }

    /**
     * A clinician or nurse takes charge of an overdue refill (dosing.refill-overdue-acknowledged, reason
     * stripped): its repeating alerts stop. 409 when no overdue alert of the plan in force (null: none) is due yet.
     */
    public List<DosingEvent> acknowledgeOverdue(RecordedRefillPlan planInForce, String reason, Instant now) {
        requireActive();
        if (planInForce == null || planInForce.firstOverdueAlertAt().toInstant().isAfter(now)) {
            throw new StateConflictException("No refill of pump therapy " + id + " is overdue"
                    + (planInForce == null ? "" : ": the first overdue alert is due at "
                    + planInForce.firstOverdueAlertAt()));
        }
        return List.of(new DosingEvent.OverdueAcknowledged(ref(), planInForce, reason.strip(), Times.utc(now)));
    }

    /**
     * A refill reminder from the plan in force (dosing.refill-due, or dosing.refill-overdue when overdue); none for
     * a therapy no longer active or with nothing planned yet (planInForce null).
     */
    public List<DosingEvent> remindRefill(boolean overdue, RecordedRefillPlan planInForce) {
        if (status != PumpTherapyStatus.ACTIVE || planInForce == null) {
            return List.of();
        }
        return List.of(new DosingEvent.RefillReminder(ref(), planInForce, overdue));
    }

    /** The therapy as events name it. */
    public DosingEvent.Therapy ref() {
        return new DosingEvent.Therapy(id, pathwayId, patientRef);
    }

    /** 409 unless the therapy is active. */
    public void requireActive() {
        if (status != PumpTherapyStatus.ACTIVE) {
            throw new StateConflictException("Pump therapy " + id + " is " + status);
        }
    }

    /**
     * The history of changes of this drug's total possible daily dose (continuous + max boluses x bolus dose),
     * for its step rules: a switch to bolus mode counts as the increase it is.
     */
    private static List<DoseChange> doseChanges(List<RecordedProgram> history, String drug) {
        List<DoseChange> changes = new ArrayList<>();
        BigDecimal before = BigDecimal.ZERO;
        for (RecordedProgram program : history) {
            if (!program.drug().equals(drug)) {
                before = BigDecimal.ZERO;
                continue;
            }
            BigDecimal total = program.totalPossibleDailyDose();
            if (before.signum() > 0 && total.compareTo(before) != 0) {
                changes.add(new DoseChange(program.programmedAt().toInstant(), before, total));
            }
            before = total;
        }
        return changes;
    }

    /** When the current run of this drug began: its first program after any other drug. */
    private static Instant startOfRun(List<RecordedProgram> history, String drug) {
        Instant start = null;
        for (RecordedProgram program : history) {
            start = program.drug().equals(drug) ? (start == null ? program.programmedAt().toInstant() : start) : null;
        }
        return start;
    }

    /**
     * The program's indication: as ordered, else the one of the drug's run so far (a dose change need not repeat
     * it). A different one than the run's is refused: a baclofen therapy's indication sets its titration ceiling
     * (spinal origin 30 %, cerebral 15 % per 24 h; LIORESAL-PI), so switching it to take a larger step is not a
     * dose change. A drug whose titration depends on it refuses a missing one (422 naming the indications).
     */
    private static Indication indicationOf(Drug drug, Indication ordered, Indication ofRun) {
        if (ordered != null && ofRun != null && ordered != ofRun) {
            throw new RuleViolationException("The indication of this " + drug.code() + " therapy is " + ofRun
                    + " (set at its first program); a program for " + ordered + " cannot change it",
                    List.of("drug: " + drug.code(), "indication: " + ordered, "therapyIndication: " + ofRun));
        }
        Indication indication = ordered != null ? ordered : ofRun;
        drug.requireIndication(indication);
        return indication;
    }

    public UUID id() {
        return id;
    }

    public UUID pathwayId() {
        return pathwayId;
    }

    public String patientRef() {
        return patientRef;
    }

    public UUID implantCaseId() {
        return implantCaseId;
    }

    public BigDecimal reservoirVolumeMl() {
        return reservoirVolumeMl;
    }

    /** The implanted pump's low-reservoir alarm volume (mL, from implant.completed); refills are planned to it. */
    public BigDecimal lowReservoirAlarmMl() {
        return lowReservoirAlarmMl;
    }

    public PumpTherapyStatus status() {
        return status;
    }

    public OffsetDateTime openedAt() {
        return openedAt;
    }

    public OffsetDateTime endedAt() {
        return endedAt;
    }

    public String endReason() {
        return endReason;
    }
}
