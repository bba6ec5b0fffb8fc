package org.itpump.followup.service;

import org.itpump.chassis.timer.DueTimer;
import org.itpump.followup.domain.complication.RecordedComplication;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.outcome.RecordedOutcome;
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.util.List;

/** A plan with everything recorded against it, for the detail view. */
public record PlanRecords(PostImplantMonitoring plan, List<RecordedComplication> complications,
                          List<RaisedEscalation> escalations, List<RecordedOutcome> outcomes, List<DueTimer> timers) {
}
