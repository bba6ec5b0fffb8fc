package org.itpump.followup.service;

import org.itpump.chassis.time.Times;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.followup.domain.drug.IntrathecalDrugs;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.domain.plan.PostImplantMonitoring;
import org.itpump.followup.store.MonitoringPlanRepository;
import org.itpump.followup.store.PumpDrugEntity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The drug each pump runs, learnt from dosing events (in the consumer's transaction). The first program's drug
 * is the plan's started drug (an opioid start needs 24 h of observation); the current one decides whether an
 * explant is a withdrawal risk. Either topic may be read first: a plan opened later looks its drug up.
 */
@ApplicationScoped
public class PumpDrugService {

    /** What followup-service reads of dosing.pump-programmed and dosing.dose-changed. */
    public record PumpProgrammed(UUID pathwayId, UUID therapyId, Program program, OffsetDateTime programmedAt) {
    }

    public record Program(String drug) {
    }

    private final FollowupRecords records;
    private final MonitoringPlanRepository plans;

    PumpDrugService(FollowupRecords records, MonitoringPlanRepository plans) {
        this.records = records;
        this.plans = plans;
    }

    /** dosing.pump-programmed: the pump's first program. A blank drug is refused (dead-lettered). */
    public Uni<Void> pumpStarted(UUID pathwayId, UUID therapyId, String drug, OffsetDateTime programmedAt) {
        String code = requireDrug(drug);
        return records.pumpDrug(therapyId).chain(existing -> {
            PumpDrugEntity row = existing != null ? existing : newRow(pathwayId, therapyId, code, programmedAt);
            row.firstDrug = code;
            row.firstProgrammedAt = Times.utc(programmedAt);
            if (existing != null && existing.changedAt.isAfter(Times.utc(programmedAt))) {
                // a later dose change was read first: it keeps the current drug
                return Uni.createFrom().voidItem();
            }
            row.currentDrug = code;
            row.changedAt = Times.utc(programmedAt);
            return existing != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
        }).chain(() -> plans.ofPathway(pathwayId)).chain(pathwayPlans -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PostImplantMonitoring plan : pathwayPlans) {
                if (plan.learnStartedDrug(code)) {
                    chain = chain.chain(() -> plans.update(plan));
                }
            }
            return chain;
        });
    }

    /** dosing.dose-changed: a later program, possibly of another drug. */
    public Uni<Void> pumpReprogrammed(UUID pathwayId, UUID therapyId, String drug, OffsetDateTime programmedAt) {
        String code = requireDrug(drug);
        return records.pumpDrug(therapyId).chain(existing -> {
            if (existing == null) {
                // the first program was never read (e.g. before this consumer existed): it is the best we know
                return newRow(pathwayId, therapyId, code, programmedAt).persist().replaceWithVoid();
            }
            if (!existing.changedAt.isAfter(Times.utc(programmedAt))) {
                existing.currentDrug = code;
                existing.changedAt = Times.utc(programmedAt);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private static PumpDrugEntity newRow(UUID pathwayId, UUID therapyId, String code, OffsetDateTime at) {
        PumpDrugEntity row = new PumpDrugEntity();
        row.therapyId = therapyId;
        row.pathwayId = pathwayId;
        row.firstDrug = code;
        row.currentDrug = code;
        row.firstProgrammedAt = Times.utc(at);
        row.changedAt = Times.utc(at);
        return row;
    }

    private static String requireDrug(String drug) {
        String code = IntrathecalDrugs.normalise(drug);
        if (code == null || code.isEmpty()) {
            throw new RuleViolationException("The program names no drug");
        }
        return code;
    }
}
