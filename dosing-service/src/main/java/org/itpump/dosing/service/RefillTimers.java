package org.itpump.dosing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.chassis.timer.DueTimerHandler;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.messaging.DosingEvents;
import org.itpump.dosing.store.DosingRecords;
import org.itpump.dosing.store.PumpTherapyRepository;

/** Turns due refill timers into dosing.refill-due and dosing.refill-overdue (urgent for baclofen). */
@ApplicationScoped
public class RefillTimers implements DueTimerHandler {

    private final PumpTherapyRepository therapies;
    private final DosingRecords records;
    private final DrugLibraryService library;
    private final Outbox outbox;

    RefillTimers(PumpTherapyRepository therapies, DosingRecords records, DrugLibraryService library, Outbox outbox) {
        this.therapies = therapies;
        this.records = records;
        this.library = library;
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> onDue(DueTimer timer) {
        String type = PumpTherapyService.REFILL_OVERDUE.equals(timer.kind) ? "dosing.refill-overdue" : "dosing.refill-due";
        return therapies.require(timer.subjectId).chain(therapy -> {
            if (therapy.status != PumpTherapyStatus.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            return records.programInForce(therapy.id).chain(program -> records.lastRefill(therapy.id)
                    .chain(refill -> library.current().chain(drugs -> outbox.append(DosingEvents.refillReminder(type,
                            therapy, program.drug, refill.refillDueOn, drugs.drug(program.drug).withdrawalCritical())))));
        });
    }
}
