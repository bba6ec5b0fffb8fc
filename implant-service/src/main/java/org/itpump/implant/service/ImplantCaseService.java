package org.itpump.implant.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.implant.domain.DeviceCatalogue;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.ImplantProcedure;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.implant.domain.PumpReplacement;
import org.itpump.implant.domain.WithdrawalPlan;
import org.itpump.implant.messaging.ImplantEvents;
import org.itpump.implant.messaging.TrialEventsConsumer.TrialCancelled;
import org.itpump.implant.messaging.TrialEventsConsumer.TrialPassed;
import org.itpump.implant.store.CaseHistoryEntity;
import org.itpump.implant.store.CaseHistoryRepository;
import org.itpump.implant.store.ImplantCaseEntity;
import org.itpump.implant.store.ImplantCaseRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Implant case use cases; each change commits with its history line and its events (outbox). */
@ApplicationScoped
public class ImplantCaseService {

    private final ImplantCaseRepository cases;
    private final CaseHistoryRepository history;
    private final TheatreBookings bookings;
    private final Outbox outbox;
    private final Clock clock;
    private final PumpCatalogue devices;
    private final ZoneId hospitalZone;

    ImplantCaseService(ImplantCaseRepository cases, CaseHistoryRepository history, TheatreBookings bookings,
                       Outbox outbox, Clock clock, PumpCatalogue devices,
                       @ConfigProperty(name = "itpump.implant.hospital-zone", defaultValue = "UTC") ZoneId hospitalZone) {
        this.devices = devices;
        this.cases = cases;
        this.history = history;
        this.bookings = bookings;
        this.outbox = outbox;
        this.clock = clock;
        this.hospitalZone = hospitalZone;
    }

    /** Runs in the consumer's transaction; a second trial.passed for the same trial changes nothing. */
    public Uni<ImplantCaseEntity> openForPassedTrial(TrialPassed passed) {
        return cases.byTrial(passed.trialId()).onItem().ifNull().switchTo(() -> {
            ImplantCaseEntity opened = new ImplantCaseEntity();
            opened.id = UUID.randomUUID();
            opened.pathwayId = passed.pathwayId();
            opened.patientRef = passed.patientRef();
            opened.trialId = passed.trialId();
            opened.baselineNrs = passed.baselineNrs();
            opened.path = ImplantPath.TRIAL;
            opened.status = ImplantCaseStatus.AWAITING_SCHEDULING;
            opened.preOpChecklist = EnumSet.noneOf(PreOpItem.class);
            opened.openedAt = now();
            return cases.persist(opened)
                    .call(() -> note(opened, "case opened", "trial " + passed.trialId() + " passed"))
                    .call(() -> outbox.append(ImplantEvents.caseOpened(opened)));
        });
    }

    /**
     * A trial cancelled before surgery closes its case (and cancels its booking). After the implant the
     * cancellation is refused: the event goes to the dead-letter topic for a person to look at.
     */
    public Uni<Void> closeForCancelledTrial(TrialCancelled cancelled) {
        return cases.byTrial(cancelled.trialId()).chain(implantCase -> {
            if (implantCase == null || implantCase.status == ImplantCaseStatus.CLOSED) {
                return Uni.createFrom().voidItem(); // no case was opened (cancelled during the trial), or already closed
            }
            if (implantCase.status == ImplantCaseStatus.COMPLETED || implantCase.status == ImplantCaseStatus.EXPLANTED) {
                throw new StateConflictException("Trial " + cancelled.trialId() + " was cancelled after its implant (case "
                        + implantCase.id + " is " + implantCase.status + ")");
            }
            Uni<Void> releaseBooking = implantCase.bookingId == null ? Uni.createFrom().voidItem()
                    : bookings.cancel(implantCase, "trial cancelled: " + cancelled.reason());
            return releaseBooking.chain(() -> {
                implantCase.status = implantCase.status.transitionTo(ImplantCaseStatus.CLOSED);
                implantCase.closedAt = now();
                implantCase.closeReason = "TRIAL_CANCELLED";
                return note(implantCase, "case closed", "trial cancelled: " + cancelled.reason())
                        .call(() -> outbox.append(ImplantEvents.caseClosed(implantCase)));
            }).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<ImplantCaseEntity> confirmPreOp(UUID caseId, Set<PreOpItem> confirmed) {
        return cases.require(caseId).call(implantCase -> {
            requireOpen(implantCase, "change the pre-op checklist");
            implantCase.preOpChecklist = confirmed.isEmpty() ? EnumSet.noneOf(PreOpItem.class) : EnumSet.copyOf(confirmed);
            return note(implantCase, "pre-op checklist", "confirmed " + implantCase.preOpChecklist);
        });
    }

    @WithTransaction
    public Uni<ImplantCaseEntity> book(UUID caseId, TheatreBookings.Request request) {
        return cases.require(caseId).call(implantCase -> {
            implantCase.status = implantCase.status.transitionTo(ImplantCaseStatus.SCHEDULED);
            return bookings.book(implantCase, request)
                    .call(booking -> note(implantCase, "surgery booked", "starts " + booking.startsAt));
        });
    }

    @WithTransaction
    public Uni<ImplantCaseEntity> reschedule(UUID caseId, TheatreBookings.Request request, String reason) {
        return cases.require(caseId).call(implantCase -> {
            if (implantCase.status != ImplantCaseStatus.SCHEDULED) {
                throw new StateConflictException("Only a scheduled case can be rescheduled; this one is " + implantCase.status);
            }
            return bookings.reschedule(implantCase, request, reason)
                    .call(booking -> note(implantCase, "surgery rescheduled", "starts " + booking.startsAt + ": " + reason));
        });
    }

    @WithTransaction
    public Uni<ImplantCaseEntity> cancelBooking(UUID caseId, String reason) {
        return cases.require(caseId).call(implantCase -> {
            implantCase.status = implantCase.status.transitionTo(ImplantCaseStatus.AWAITING_SCHEDULING);
            return bookings.cancel(implantCase, reason)
                    .call(() -> note(implantCase, "booking cancelled", reason));
        });
    }

    /**
     * Records the two-part procedure; refused while the pre-op checklist is incomplete, and (422) for a device that
     * is not a device catalogue model in one of its reservoir volumes. Emits implant.completed with the pump's facts.
     */
    @WithTransaction
    public Uni<ImplantCaseEntity> complete(UUID caseId, ProcedureRecord record) {
        return cases.require(caseId).call(implantCase -> {
            implantCase.status.transitionTo(ImplantCaseStatus.COMPLETED); // 409 before 422: state first
            implantCase.checklist().requireComplete();
            ImplantProcedure procedure = ImplantProcedure.record(record.catheterEntryLevel(), record.catheterTipLevel(),
                    record.pocketSide(), record.device(), record.anesthesia(), record.startedAt().toInstant(),
                    record.endedAt().toInstant(), clock.instant());
            // 422 for a model not in the device catalogue, made by another manufacturer, or a reservoir it is not made in
            DeviceCatalogue.PumpModel pump = devices.catalogue().identify(procedure.device().manufacturer(),
                    procedure.device().model(), procedure.device().reservoirVolumeMl());
            implantCase.status = ImplantCaseStatus.COMPLETED;
            implantCase.catheterEntryLevel = procedure.catheterEntryLevel().label();
            implantCase.catheterTipLevel = procedure.catheterTipLevel().label();
            implantCase.pumpPocketSide = procedure.pocketSide();
            implantCase.recordDevice(pump); // the catalogue's spelling and facts
            implantCase.deviceSerial = procedure.device().serialNumber();
            implantCase.reservoirVolumeMl = procedure.device().reservoirVolumeMl();
            implantCase.anesthesia = procedure.anesthesia();
            implantCase.procedureStartedAt = utc(record.startedAt());
            implantCase.procedureEndedAt = utc(record.endedAt());
            implantCase.completedAt = now();
            return note(implantCase, "implant completed", implantCase.deviceModel + " "
                            + implantCase.reservoirVolumeMl.toPlainString() + " mL, catheter tip " + implantCase.catheterTipLevel)
                    .call(() -> removeReplacedPump(implantCase)) // its implant.explanted goes before implant.completed
                    .call(() -> outbox.append(ImplantEvents.completed(implantCase)));
        });
    }

    /**
     * The pump can be removed at any time after the implant; emits implant.explanted. An explant planned in advance
     * may record its withdrawal plan (taper, oral bridge): 422 when it starts after today (the explant's day in the
     * hospital zone); it is kept on the case and published.
     *
     * @param plan null when none was recorded
     */
    @WithTransaction
    public Uni<ImplantCaseEntity> explant(UUID caseId, ExplantReason reason, WithdrawalPlanRecord plan) {
        return cases.require(caseId).call(implantCase -> {
            implantCase.status = implantCase.status.transitionTo(ImplantCaseStatus.EXPLANTED); // 409 before 422
            OffsetDateTime explantedAt = now();
            if (plan != null) {
                LocalDate today = explantedAt.atZoneSameInstant(hospitalZone).toLocalDate();
                WithdrawalPlan recorded = WithdrawalPlan.recordedAt(plan.kind(), plan.startedOn(), plan.detail(), today, today);
                implantCase.withdrawalPlanKind = recorded.kind();
                implantCase.withdrawalPlanStartedOn = recorded.startedOn();
                implantCase.withdrawalPlanDetail = recorded.detail();
            }
            implantCase.explantReason = reason;
            implantCase.explantedAt = explantedAt;
            return note(implantCase, "pump explanted", reason.name() + (plan == null ? ""
                    : "; withdrawal plan " + implantCase.withdrawalPlanKind + " since " + implantCase.withdrawalPlanStartedOn))
                    .call(() -> outbox.append(ImplantEvents.explanted(implantCase)));
        });
    }

    /** A withdrawal plan as the clinician records it: kind, first day (hospital zone), optional detail. */
    public record WithdrawalPlanRecord(WithdrawalPlan.Kind kind, LocalDate startedOn, String detail) {
    }

    /**
     * Opens a REPLACEMENT case for a case whose pump was implanted (battery end of life, malfunction): same pathway,
     * patient, trial and baseline, no new screening trial; it awaits scheduling and goes through the same pre-op
     * checklist, booking and completion. 409 when the case was never implanted or already has a live replacement
     * ({@link PumpReplacement}). Emits implant.case-opened (path REPLACEMENT, replacesCaseId).
     */
    @WithTransaction
    public Uni<ImplantCaseEntity> openReplacement(UUID caseId, ExplantReason reason) {
        return cases.require(caseId).chain(replaced -> cases.liveReplacementOf(caseId).chain(live -> {
            PumpReplacement.requireReplaceable(caseId, replaced.status, live == null ? null : live.id,
                    live == null ? null : live.status);
            ImplantCaseEntity opened = new ImplantCaseEntity();
            opened.id = UUID.randomUUID();
            opened.pathwayId = replaced.pathwayId;
            opened.patientRef = replaced.patientRef;
            opened.trialId = replaced.trialId;
            opened.baselineNrs = replaced.baselineNrs;
            opened.path = ImplantPath.REPLACEMENT;
            opened.replacesCaseId = replaced.id;
            opened.replacementReason = reason;
            opened.status = ImplantCaseStatus.AWAITING_SCHEDULING;
            opened.preOpChecklist = EnumSet.noneOf(PreOpItem.class);
            opened.openedAt = now();
            return cases.persist(opened)
                    .call(() -> cases.flush()) // a second live replacement fails here (unique index): 409
                    .call(() -> note(opened, "case opened", "replaces case " + replaced.id + ": " + reason))
                    .call(() -> note(replaced, "replacement opened", "case " + opened.id + ": " + reason))
                    .call(() -> outbox.append(ImplantEvents.caseOpened(opened)));
        }));
    }

    /**
     * Completing a replacement removes the pump it replaces in the same surgery: a replaced case still COMPLETED
     * becomes EXPLANTED (reason: the replacement's, at the procedure's end, replacedByCaseId) and its
     * implant.explanted is appended before the replacement's implant.completed, so consumers (one pathway key, one
     * partition) end the old therapy and plan before they open the new ones.
     */
    private Uni<Void> removeReplacedPump(ImplantCaseEntity replacement) {
        if (replacement.path != ImplantPath.REPLACEMENT) {
            return Uni.createFrom().voidItem();
        }
        return cases.require(replacement.replacesCaseId).chain(replaced -> {
            if (!PumpReplacement.removesReplacedPump(replaced.status)) {
                return note(replaced, "replacement completed", "case " + replacement.id + "; pump already explanted")
                        .replaceWithVoid();
            }
            replaced.status = replaced.status.transitionTo(ImplantCaseStatus.EXPLANTED);
            replaced.explantReason = replacement.replacementReason;
            replaced.explantedAt = replacement.procedureEndedAt;
            replaced.replacedByCaseId = replacement.id;
            return note(replaced, "pump explanted", replacement.replacementReason + "; replaced by case " + replacement.id)
                    .call(() -> outbox.append(ImplantEvents.explanted(replaced)))
                    .replaceWithVoid();
        });
    }

    @WithSession
    public Uni<ImplantCaseEntity> find(UUID caseId) {
        return cases.require(caseId);
    }

    @WithSession
    public Uni<List<CaseHistoryEntity>> history(UUID caseId) {
        return cases.require(caseId).chain(() -> history.of(caseId));
    }

    @WithSession
    public Uni<Page<ImplantCaseEntity>> search(ImplantCaseStatus status, UUID pathwayId, PageRequest page) {
        return cases.search(status, pathwayId, page);
    }

    public record ProcedureRecord(String catheterEntryLevel, String catheterTipLevel,
                                  ImplantProcedure.PocketSide pocketSide, ImplantProcedure.PumpDevice device,
                                  ImplantProcedure.Anesthesia anesthesia, OffsetDateTime startedAt,
                                  OffsetDateTime endedAt) {
    }

    private static void requireOpen(ImplantCaseEntity implantCase, String action) {
        if (implantCase.status != ImplantCaseStatus.AWAITING_SCHEDULING && implantCase.status != ImplantCaseStatus.SCHEDULED) {
            throw new StateConflictException("Cannot " + action + ": the case is " + implantCase.status);
        }
    }

    private Uni<CaseHistoryEntity> note(ImplantCaseEntity implantCase, String what, String detail) {
        return history.append(implantCase.id, now(), what, detail);
    }

    private OffsetDateTime now() {
        return org.itpump.chassis.time.Times.now(clock);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
