package org.itpump.followup.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.followup.domain.outcome.OutcomeComparison;
import org.itpump.followup.domain.outcome.RecordedOutcome;
import org.itpump.followup.store.FollowupRecords;
import org.itpump.followup.store.MonitoringPlanRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Outcome assessments compared with the pre-trial baseline carried in implant.completed. */
@ApplicationScoped
public class OutcomeService {

    private final MonitoringPlanRepository plans;
    private final FollowupRecords records;
    private final FollowupOutbox outbox;
    private final Clock clock;

    OutcomeService(MonitoringPlanRepository plans, FollowupRecords records, FollowupOutbox outbox, Clock clock) {
        this.plans = plans;
        this.records = records;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Recorded(RecordedOutcome outcome, OutcomeComparison comparison) {
    }

    /**
     * @param assessedAtOrNull now when absent
     * 409 on a closed plan or one kept for wound follow-up after an explant; 422 for a time before the implant or in the future.
     */
    @WithTransaction
    public Uni<Recorded> record(UUID planId, Instant assessedAtOrNull, int painNrs, int rigidityScore, int spasmScore,
                                BigDecimal oralMmePerDay) {
        return plans.require(planId).chain(plan -> {
            var assessed = plan.recordOutcome(assessedAtOrNull, painNrs, rigidityScore, spasmScore, oralMmePerDay,
                    clock.instant());
            return records.add(assessed.outcome()).chain(() -> outbox.append(assessed.events()))
                    .replaceWith(new Recorded(assessed.outcome(), assessed.comparison()));
        });
    }
}
