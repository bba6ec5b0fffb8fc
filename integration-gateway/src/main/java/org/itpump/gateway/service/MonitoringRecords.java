package org.itpump.gateway.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.itpump.gateway.messaging.FhirResources;
import org.itpump.gateway.store.FhirStore;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The post-operative monitoring of followup-service as FHIR: the plan is a CarePlan (careplan-{planId}) whose
 * activities are the visits as they fall due; each escalation is a clinical Flag (flag-{escalationId}), inactive
 * once a clinician acknowledges it. Runs in the consumed event's transaction.
 */
@ApplicationScoped
public class MonitoringRecords {

    private final FhirStore store;
    private final FhirResources fhir;
    private final Clock clock;

    MonitoringRecords(FhirStore store, GatewayConfig config, Clock clock) {
        this.store = store;
        this.fhir = config.fhir().resources();
        this.clock = clock;
    }

    /** followup.monitoring-started. */
    public Uni<Void> started(UUID planId, UUID pathwayId, String patientRef, OffsetDateTime startedAt) {
        return putPlan(planId, pathwayId, patientRef, startedAt, fhir.monitoringPlan(planId(planId), patientRef, startedAt));
    }

    /** followup.visit-due: one more activity; a plan the gateway never saw start is created without a start. */
    public Uni<Void> visitDue(UUID planId, UUID pathwayId, String patientRef, String visit, OffsetDateTime dueAt) {
        return plan(planId, patientRef).chain(plan -> putPlan(planId, pathwayId, patientRef,
                startOf(plan), fhir.withVisit(plan, visit, dueAt)));
    }

    /** followup.monitoring-completed ({@code completed}) or monitoring-closed (stopped early). */
    public Uni<Void> ended(UUID planId, UUID pathwayId, String patientRef, boolean completed, OffsetDateTime at) {
        return plan(planId, patientRef).chain(plan -> putPlan(planId, pathwayId, patientRef, startOf(plan),
                fhir.ended(plan, completed, at)));
    }

    /** followup.complication-escalated or explant-escalated. */
    public Uni<Void> escalated(UUID escalationId, UUID pathwayId, String patientRef, String urgency, String suspicion,
                               String action, OffsetDateTime at) {
        String id = "flag-" + escalationId;
        return store.put("Flag", id, pathwayId, patientRef, at,
                fhir.json(fhir.escalation(id, patientRef, urgency, suspicion, action, at)), OffsetDateTime.now(clock));
    }

    /** followup.escalation-acknowledged: the Flag goes inactive (nothing when the gateway never saw it raised). */
    public Uni<Void> acknowledged(UUID escalationId, UUID pathwayId, String patientRef, OffsetDateTime at) {
        String id = "flag-" + escalationId;
        return store.find("Flag", id).chain(stored -> {
            if (stored == null) {
                return Uni.createFrom().voidItem();
            }
            Flag flag = fhir.acknowledged(fhir.parse(Flag.class, stored.json()), at);
            return store.put("Flag", id, pathwayId, patientRef, startOf(flag), fhir.json(flag), OffsetDateTime.now(clock));
        });
    }

    private Uni<CarePlan> plan(UUID planId, String patientRef) {
        return store.find("CarePlan", planId(planId)).map(stored -> stored == null
                ? fhir.monitoringPlan(planId(planId), patientRef, null)
                : fhir.parse(CarePlan.class, stored.json()));
    }

    private Uni<Void> putPlan(UUID planId, UUID pathwayId, String patientRef, OffsetDateTime effective, CarePlan plan) {
        return store.put("CarePlan", planId(planId), pathwayId, patientRef, effective, fhir.json(plan),
                OffsetDateTime.now(clock));
    }

    private static OffsetDateTime startOf(CarePlan plan) {
        return plan.hasPeriod() && plan.getPeriod().hasStart()
                ? plan.getPeriod().getStart().toInstant().atOffset(java.time.ZoneOffset.UTC) : null;
    }

    private static OffsetDateTime startOf(Flag flag) {
        return flag.hasPeriod() && flag.getPeriod().hasStart()
                ? flag.getPeriod().getStart().toInstant().atOffset(java.time.ZoneOffset.UTC) : null;
    }

    private static String planId(UUID planId) {
        return "careplan-" + planId;
    }
}
