package org.itpump.followup.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.messaging.FollowupEvents;
import org.itpump.followup.messaging.ImplantEventsConsumer.ImplantCompleted;
import org.itpump.followup.store.MonitoringPlanEntity;
import org.itpump.followup.store.MonitoringPlanRepository;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MonitoringPlanService {

    private final MonitoringPlanRepository plans;
    private final Outbox outbox;
    private final Clock clock;

    MonitoringPlanService(MonitoringPlanRepository plans, Outbox outbox, Clock clock) {
        this.plans = plans;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Runs in the consumer's transaction; a second implant.completed for the same case changes nothing. */
    public Uni<MonitoringPlanEntity> startForImplant(ImplantCompleted implant) {
        return plans.byImplantCase(implant.caseId()).onItem().ifNull().switchTo(() -> {
            MonitoringPlanEntity plan = new MonitoringPlanEntity();
            plan.id = UUID.randomUUID();
            plan.pathwayId = implant.pathwayId();
            plan.patientRef = implant.patientRef();
            plan.implantCaseId = implant.caseId();
            plan.baselineNrs = implant.baselineNrs();
            plan.status = MonitoringPlanStatus.ACTIVE;
            plan.startedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return plans.persist(plan).call(() -> outbox.append(FollowupEvents.monitoringStarted(plan)));
        });
    }

    @WithSession
    public Uni<MonitoringPlanEntity> find(UUID planId) {
        return plans.require(planId);
    }

    @WithSession
    public Uni<List<MonitoringPlanEntity>> search(MonitoringPlanStatus status, UUID pathwayId) {
        return plans.search(status, pathwayId);
    }
}
