package org.itpump.followup.service;

import org.itpump.chassis.timer.DueTimer;
import org.itpump.followup.store.ComplicationEntity;
import org.itpump.followup.store.EscalationEntity;
import org.itpump.followup.store.MonitoringPlanEntity;
import org.itpump.followup.store.OutcomeEntity;

import java.util.List;

/** A plan with everything recorded against it, for the detail view. */
public record PlanRecords(MonitoringPlanEntity plan, List<ComplicationEntity> complications,
                          List<EscalationEntity> escalations, List<OutcomeEntity> outcomes, List<DueTimer> timers) {
}
