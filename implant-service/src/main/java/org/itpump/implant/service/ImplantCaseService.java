package org.itpump.implant.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.implant.domain.BookingChangeReason;
import org.itpump.implant.domain.CaseHistoryLine;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantEvent;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.ImplantProcedure;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.implant.domain.TheatreSlot;
import org.itpump.implant.domain.WithdrawalPlan;
import org.itpump.implant.store.CaseHistoryRepository;
import org.itpump.implant.store.ImplantCaseReads;
import org.itpump.implant.store.ImplantCaseRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Implant case use cases. Each loads the case, calls one clinical act on it, stores the result with its history
 * line and appends the events the act returned to the outbox, in one transaction. Inputs are this class's own
 * records.
 */
@ApplicationScoped
public class ImplantCaseService {

    /** What opens a case: a trial passed (trial.passed). */
    public record TrialPassed(UUID pathwayId, String patientRef, UUID trialId, int baselineNrs) {
    }

    /** What closes an open case: its trial was cancelled (trial.cancelled), for reason. */
    public record TrialCancelled(UUID pathwayId, UUID trialId, String reason) {
    }

    /** The procedure as the surgeon records it (levels as written, e.g. L3 and T10; times with any offset). */
    public record ProcedureRecord(String catheterEntryLevel, String catheterTipLevel,
                                  ImplantProcedure.PocketSide pocketSide, ImplantProcedure.PumpDevice device,
                                  ImplantProcedure.Anesthesia anesthesia, OffsetDateTime startedAt,
                                  OffsetDateTime endedAt, ImplantProcedure.CatheterDevice catheter) {
    }

    /** A withdrawal plan as the clinician records it: kind, first day (hospital zone), optional detail. */
    public record WithdrawalPlanRecord(WithdrawalPlan.Kind kind, LocalDate startedOn, String detail) {
    }

    private final ImplantCaseRepository cases;
    private final ImplantCaseReads reads;
    private final CaseHistoryRepository history;
    private final TheatreBookings bookings;
    private final Outbox outbox;
    private final ImplantEventPayloads payloads;
    private final Clock clock;
    private final PumpCatalogue devices;
    private final ZoneId hospitalZone;

    ImplantCaseService(ImplantCaseRepository cases, ImplantCaseReads reads, CaseHistoryRepository history, TheatreBookings bookings,
                       Outbox outbox, ImplantEventPayloads payloads, Clock clock, PumpCatalogue devices,
                       @ConfigProperty(name = "itpump.implant.hospital-zone", defaultValue = "UTC") ZoneId hospitalZone) {
        this.devices = devices;
        this.cases = cases;
        this.reads = reads;
        this.history = history;
        this.bookings = bookings;
        this.outbox = outbox;
        this.payloads = payloads;
        this.clock = clock;
        this.hospitalZone = hospitalZone;
    }

    /** Runs in the consumer's transaction; a second trial.passed for the same trial changes nothing. */
    public Uni<ImplantCase> openForPassedTrial(TrialPassed passed) {
        return cases.byTrial(passed.trialId()).onItem().ifNull().switchTo(() -> {
            ImplantCase.Changed opened = ImplantCase.openForPassedTrial(passed.pathwayId(), passed.patientRef(),
                    passed.trialId(), passed.baselineNrs(), now());
            return cases.add(opened.implantCase())
                    .call(added -> note(added, "case opened", "trial " + passed.trialId() + " passed"))
                    .call(() -> publish(opened.events()));
        });
    }

    /**
     * A trial cancelled before surgery closes its case (and cancels its booking). After the implant the
     * cancellation is refused: the event goes to the dead-letter topic for a person to look at.
     */
    public Uni<Void> closeForCancelledTrial(TrialCancelled cancelled) {
        return cases.byTrial(cancelled.trialId()).chain(implantCase -> {
            if (implantCase == null) {
                return Uni.createFrom().voidItem(); // no case was opened (cancelled during the trial)
            }
            return bookings.of(implantCase).chain(booked -> {
                ImplantCase.Changed closed = implantCase.closeForCancelledTrial(cancelled.reason(), booked.booking(),
                        booked.room(), booked.surgeon(), now());
                if (closed.events().isEmpty()) {
                    return Uni.createFrom().voidItem(); // already closed
                }
                return cases.save(closed.implantCase()).call(() -> bookings.save(closed.booking()))
                        .call(saved -> note(saved, "case closed", "trial cancelled: " + cancelled.reason()))
                        .call(() -> publish(closed.events())).replaceWithVoid();
            });
        });
    }

    @WithTransaction
    public Uni<ImplantCase> confirmPreOp(UUID caseId, Set<PreOpItem> confirmed, String by) {
        return cases.require(caseId).chain(implantCase -> {
            ImplantCase.Changed changed = implantCase.confirmPreOp(confirmed, by, now());
            return cases.save(changed.implantCase())
                    .call(saved -> note(saved, "pre-op checklist", "confirmed " + saved.preOpChecklist()))
                    .call(() -> publish(changed.events()));
        });
    }

    @WithTransaction
    public Uni<ImplantCase> book(UUID caseId, TheatreBookings.Request request, String by) {
        return cases.require(caseId).chain(implantCase -> {
            TheatreSlot slot = implantCase.slotToBook(request.start(), request.durationMinutes(), clock.instant());
            return bookings.resources(request).chain(named -> {
                ImplantCase.Changed booked = implantCase.book(slot, named.room(), named.surgeon(), now()).enteredBy(by);
                return stored(booked).call(saved -> note(saved, "surgery booked", "starts " + booked.booking().startsAt()));
            });
        });
    }

    @WithTransaction
    public Uni<ImplantCase> reschedule(UUID caseId, TheatreBookings.Request request, String reason,
                                       BookingChangeReason reasonCode, String by) {
        return cases.require(caseId).chain(implantCase -> {
            TheatreSlot slot = implantCase.slotToReschedule(request.start(), request.durationMinutes(), clock.instant());
            return bookings.of(implantCase).chain(current -> bookings.resources(request).chain(named -> {
                ImplantCase.Changed moved = implantCase.reschedule(current.booking(), slot, named.room(),
                        named.surgeon(), reason, reasonCode).enteredBy(by);
                return stored(moved).call(saved -> note(saved, "surgery rescheduled",
                        "starts " + moved.booking().startsAt() + ": " + reason));
            }));
        });
    }

    @WithTransaction
    public Uni<ImplantCase> cancelBooking(UUID caseId, String reason, BookingChangeReason reasonCode, String by) {
        return cases.require(caseId).chain(implantCase -> bookings.of(implantCase).chain(booked -> {
            ImplantCase.Changed cancelled = implantCase.cancelBooking(booked.booking(), booked.room(), booked.surgeon(),
                    reason, reasonCode).enteredBy(by);
            return stored(cancelled).call(saved -> note(saved, "booking cancelled", reason));
        }));
    }

    /**
     * Records the two-part procedure; refused while the pre-op checklist is incomplete, and (422) for a device that
     * is not a device catalogue model in one of its reservoir volumes. Emits implant.completed with the pump's facts;
     * completing a REPLACEMENT first removes the pump it replaces ({@link #removeReplacedPump}).
     */
    @WithTransaction
    public Uni<ImplantCase> complete(UUID caseId, ProcedureRecord record, String by) {
        return cases.require(caseId).chain(implantCase -> {
            ImplantCase.Changed completed = implantCase.complete(new ImplantCase.OperationNote(
                    record.catheterEntryLevel(), record.catheterTipLevel(), record.pocketSide(), record.device(),
                    record.anesthesia(), record.startedAt(), record.endedAt(), record.catheter()), devices.catalogue(),
                    clock.instant(), now()).enteredBy(by);
            ImplantCase.Implant implant = completed.implantCase().implant();
            return cases.save(completed.implantCase())
                    .call(saved -> note(saved, "implant completed", implant.pump().model() + " "
                            + implant.pump().reservoirVolumeMl().toPlainString() + " mL, catheter tip "
                            + implant.catheterTipLevel()))
                    .call(this::removeReplacedPump) // its implant.explanted goes before implant.completed
                    .call(() -> publish(completed.events()));
        });
    }

    /**
     * The pump can be removed at any time after the implant; emits implant.explanted. An explant planned in advance
     * may record its withdrawal plan: 422 when it starts after today (the explant's day in the hospital zone); it is
     * kept on the case and published.
     *
     * @param plan null when none was recorded
     */
    @WithTransaction
    public Uni<ImplantCase> explant(UUID caseId, ExplantReason reason, WithdrawalPlanRecord plan) {
        return cases.require(caseId).chain(implantCase -> {
            ImplantCase.Changed explanted = implantCase.explant(reason, plan == null ? null
                    : new WithdrawalPlan(plan.kind(), plan.startedOn(), plan.detail()), hospitalZone, now());
            WithdrawalPlan recorded = explanted.implantCase().explant().withdrawalPlan();
            return cases.save(explanted.implantCase())
                    .call(saved -> note(saved, "pump explanted", reason.name() + (recorded == null ? ""
                            : "; withdrawal plan " + recorded.kind() + " since " + recorded.startedOn())))
                    .call(() -> publish(explanted.events()));
        });
    }

    /**
     * Opens a REPLACEMENT case for a case whose pump was implanted (battery end of life, malfunction): same pathway,
     * patient, trial and baseline, no new screening trial; it awaits scheduling and goes through the same pre-op
     * checklist, booking and completion. 409 when the case was never implanted or already has a live replacement
     * ({@link org.itpump.implant.domain.PumpReplacement}). Emits implant.case-opened (path REPLACEMENT,
     * replacesCaseId).
     */
    @WithTransaction
    public Uni<ImplantCase> openReplacement(UUID caseId, ExplantReason reason) {
        return cases.require(caseId).chain(replaced -> cases.liveReplacementOf(caseId).chain(live -> {
            ImplantCase.Changed opened = replaced.openReplacement(reason, live, now());
            ImplantCase replacement = opened.implantCase();
            return cases.add(replacement)
                    .call(() -> cases.flush()) // a second live replacement fails here (unique index): 409
                    .call(() -> note(replacement, "case opened", "replaces case " + replaced.id() + ": " + reason))
                    .call(() -> note(replaced, "replacement opened", "case " + replacement.id() + ": " + reason))
                    .call(() -> publish(opened.events()));
        }));
    }

    /**
     * Completing a replacement removes the pump it replaces in the same surgery ({@link ImplantCase#removedBy}); its
     * implant.explanted is appended before the replacement's implant.completed, so consumers (one pathway key, one
     * partition) end the old therapy and plan before they open the new ones.
     */
    private Uni<Void> removeReplacedPump(ImplantCase replacement) {
        if (replacement.path() != ImplantPath.REPLACEMENT) {
            return Uni.createFrom().voidItem();
        }
        return cases.require(replacement.replacesCaseId()).chain(replaced -> {
            ImplantCase.Changed removed = replaced.removedBy(replacement);
            if (removed.events().isEmpty()) {
                return note(replaced, "replacement completed", "case " + replacement.id() + "; pump already explanted");
            }
            return cases.save(removed.implantCase())
                    .call(saved -> note(saved, "pump explanted", replacement.replacementReason() + "; replaced by case "
                            + replacement.id()))
                    .call(() -> publish(removed.events()))
                    .replaceWithVoid();
        });
    }

    /** One case, or 404: a projection on the SQL client, without a Hibernate session (the hot read, issue 17). */
    public Uni<ImplantCase> find(UUID caseId) {
        return reads.require(caseId);
    }

    @WithSession
    public Uni<List<CaseHistoryLine>> history(UUID caseId) {
        return cases.require(caseId).chain(() -> history.of(caseId));
    }

    @WithSession
    public Uni<Page<ImplantCase>> search(ImplantCaseStatus status, UUID pathwayId, PageRequest page) {
        return cases.search(status, pathwayId, page);
    }

    /** Stores the case and the booking an act changed (the booking written now: an overlap is a 409), then its events. */
    private Uni<ImplantCase> stored(ImplantCase.Changed changed) {
        return cases.save(changed.implantCase()).call(() -> bookings.save(changed.booking()))
                .call(() -> publish(changed.events()));
    }

    private Uni<Void> publish(List<ImplantEvent> events) {
        return outbox.appendAll(events.stream().map(payloads::outgoing).toList());
    }

    private Uni<Void> note(ImplantCase implantCase, String what, String detail) {
        return history.append(implantCase.id(), now(), what, detail);
    }

    private OffsetDateTime now() {
        return org.itpump.chassis.time.Times.now(clock);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
