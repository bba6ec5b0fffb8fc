package org.itpump.followup.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.outcome.OutcomeAssessment;
import org.itpump.followup.domain.outcome.OutcomeComparison;
import org.itpump.followup.domain.outcome.PreTrialBaseline;
import org.itpump.followup.messaging.FollowupEvents;
import org.itpump.followup.store.MonitoringPlanRepository;
import org.itpump.followup.store.OutcomeEntity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Outcome assessments compared with the pre-trial baseline carried in implant.completed. */
@ApplicationScoped
public class OutcomeService {

    private final MonitoringPlanRepository plans;
    private final Outbox outbox;
    private final Clock clock;

    OutcomeService(MonitoringPlanRepository plans, Outbox outbox, Clock clock) {
        this.plans = plans;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Recorded(OutcomeEntity outcome, OutcomeComparison comparison) {
    }

    /**
     * @param assessedAtOrNull now when absent
     * 409 on a closed plan or one kept for wound follow-up after an explant; 422 for a time before the implant or in the future.
     */
    @WithTransaction
    public Uni<Recorded> record(UUID planId, Instant assessedAtOrNull, int painNrs, int rigidityScore, int spasmScore,
                                BigDecimal oralMmePerDay) {
        return plans.require(planId).chain(plan -> {
            if (plan.status == MonitoringPlanStatus.CLOSED || plan.status == MonitoringPlanStatus.WOUND_FOLLOWUP) {
                // the pump is out: there is no pump therapy outcome left to compare with the baseline
                throw new StateConflictException("Cannot record an outcome: the monitoring plan is " + plan.status);
            }
            Instant now = clock.instant();
            OutcomeAssessment assessment = OutcomeAssessment.recorded(assessedAtOrNull != null ? assessedAtOrNull : now,
                    painNrs, rigidityScore, spasmScore, oralMmePerDay, plan.procedureEndedAt.toInstant(), now);
            // The pathway's events carry no baseline MME: its comparison is left out rather than guessed.
            OutcomeComparison comparison = OutcomeComparison.compare(PreTrialBaseline.withoutOralMme(plan.baselineNrs), assessment);
            OutcomeEntity outcome = new OutcomeEntity();
            outcome.id = UUID.randomUUID();
            outcome.planId = plan.id;
            outcome.assessedAt = Times.utc(assessment.assessedAt());
            outcome.painNrs = assessment.painNrs();
            outcome.rigidityScore = assessment.rigidityScore();
            outcome.spasmScore = assessment.spasmScore();
            outcome.oralMmePerDay = assessment.oralMmePerDay();
            outcome.painReductionNrs = comparison.painReductionNrs();
            outcome.painReductionPercent = comparison.painReductionPercent().orElse(null);
            outcome.recordedAt = Times.utc(now);
            return outcome.persist()
                    .chain(() -> outbox.append(FollowupEvents.outcomeRecorded(plan, outcome,
                            comparison.baseline().oralMme().orElse(null), comparison.mmeReductionMgPerDay().orElse(null),
                            comparison.mmeReductionPercent().orElse(null))))
                    .replaceWith(new Recorded(outcome, comparison));
        });
    }
}
