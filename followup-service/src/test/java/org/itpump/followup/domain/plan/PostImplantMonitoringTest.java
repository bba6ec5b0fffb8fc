package org.itpump.followup.domain.plan;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.followup.domain.FollowupEvent;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.escalation.ExplantRisk;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.escalation.Urgency;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acts of the monitoring plan aggregate, in plain Java (no Quarkus, no database). The procedure ended
 * 2030-03-04 10:00 UTC, hospital zone UTC, default choices (4 h observation, same-day stay, wound check day 7,
 * suture removal day 14, 12-week window).
 */
class PostImplantMonitoringTest {

    private static final OffsetDateTime PROCEDURE_ENDED = OffsetDateTime.parse("2030-03-04T10:00:00Z");
    private static final Instant NOW = Instant.parse("2030-03-06T12:00:00Z");

    private static PostImplantMonitoring plan(String startedDrug) {
        return PostImplantMonitoring.start(UUID.randomUUID(), "PT-1", UUID.randomUUID(), 7,
                PROCEDURE_ENDED.plusMinutes(20), PROCEDURE_ENDED, ZoneOffset.UTC, startedDrug, "Medtronic",
                "SynchroMed II", PROCEDURE_ENDED.toInstant());
    }

    @Test
    void anOpioidStartNeeds24HoursOfObservationOrAClinicianOverride() {
        // morphine first dose: observed until 24 h after the procedure ended, 2030-03-05 10:00 (IT morphine label)
        Instant oneHourEarly = Instant.parse("2030-03-05T09:00:00Z");
        PostImplantMonitoring refused = plan("morphine");
        assertThrows(RuleViolationException.class, () -> refused.discharge(oneHourEarly, NOW, null, "dr-who"));
        assertNull(refused.dischargedAt(), "a refused discharge changes nothing");

        PostImplantMonitoring overridden = plan("morphine");
        var events = overridden.discharge(oneHourEarly, NOW, " family takes over ", "dr-who");
        FollowupEvent.PatientDischarged discharged = assertInstanceOf(FollowupEvent.PatientDischarged.class, events.get(0));
        assertEquals("family takes over", discharged.override().reason());
        assertEquals("dr-who", discharged.override().overriddenBy());
        assertEquals(OffsetDateTime.parse("2030-03-05T10:00:00Z"), discharged.override().requiredUntil());
        assertEquals(OffsetDateTime.parse("2030-03-05T09:00:00Z"), overridden.dischargedAt());
        assertEquals("dr-who", overridden.dischargeOverrideBy());

        PostImplantMonitoring atTheBoundary = plan("morphine");
        var onTime = atTheBoundary.discharge(Instant.parse("2030-03-05T10:00:00Z"), NOW, "not needed", "dr-who");
        assertNull(((FollowupEvent.PatientDischarged) onTime.get(0)).override(), "24 h reached: nothing overridden");
        assertNull(atTheBoundary.dischargeOverrideReason());
        assertThrows(StateConflictException.class,
                () -> atTheBoundary.discharge(Instant.parse("2030-03-05T11:00:00Z"), NOW, null, "dr-who"));
    }

    @Test
    void anExplantForInfectionKeepsTheWoundFollowupUntilTheWindowEnds() {
        PostImplantMonitoring plan = plan("baclofen");
        var explanted = plan.explant("INFECTION", null, OffsetDateTime.parse("2030-03-09T08:00:00Z"), NOW);

        assertEquals(MonitoringPlanStatus.WOUND_FOLLOWUP, explanted.became());
        assertEquals(List.of("VISIT_DUE:WOUND_CHECK", "VISIT_DUE:SUTURE_REMOVAL", "MONITORING_WINDOW_ENDED:MONITORING_WINDOW"),
                explanted.keepTimers());
        FollowupEvent.WoundFollowupContinued continued =
                assertInstanceOf(FollowupEvent.WoundFollowupContinued.class, explanted.events().get(0));
        // 12 weeks after 2030-03-04 10:00 is 2030-05-27 10:00
        assertEquals(OffsetDateTime.parse("2030-05-27T10:00:00Z"), continued.followupEndsAt());
        assertEquals("EXPLANTED: INFECTION", plan.endReason());
        assertNull(plan.endedAt());

        // the window's end then closes it
        OffsetDateTime windowEnd = OffsetDateTime.parse("2030-05-27T10:00:00Z");
        FollowupEvent.MonitoringClosed closed = assertInstanceOf(FollowupEvent.MonitoringClosed.class,
                plan.milestoneDue(MilestoneKind.MONITORING_WINDOW_ENDED, "MONITORING_WINDOW", windowEnd).get(0));
        assertEquals("EXPLANTED: INFECTION; wound follow-up ended", closed.reason());
        assertEquals(MonitoringPlanStatus.CLOSED, plan.status());
        assertEquals(List.of(), plan.milestoneDue(MilestoneKind.VISIT_DUE, "WOUND_CHECK", windowEnd),
                "a closed plan announces nothing");
    }

    @Test
    void aPumpReplacedInTheSameSurgeryClosesThePlanAsReplacedAndAnOverPlanStaysAsItIs() {
        PostImplantMonitoring plan = plan("morphine");
        UUID replacement = UUID.randomUUID();
        var explanted = plan.explant("BATTERY_END_OF_LIFE", replacement, null, NOW);
        assertEquals(MonitoringPlanStatus.CLOSED, explanted.became());
        FollowupEvent.MonitoringClosed closed = assertInstanceOf(FollowupEvent.MonitoringClosed.class, explanted.events().get(0));
        assertEquals("REPLACED: BATTERY_END_OF_LIFE", closed.reason());
        assertEquals(replacement, closed.replacedByCaseId());
        assertEquals(OffsetDateTime.parse("2030-03-06T12:00:00Z"), closed.closedAt());

        var again = plan.explant("BATTERY_END_OF_LIFE", replacement, null, NOW.plusSeconds(60));
        assertNull(again.became());
        assertEquals(List.of(), again.events());
    }

    @Test
    void theWindowsEndCompletesAnActivePlan() {
        PostImplantMonitoring plan = plan("ziconotide");
        OffsetDateTime windowEnd = OffsetDateTime.parse("2030-05-27T10:00:00Z");
        assertInstanceOf(FollowupEvent.MonitoringCompleted.class,
                plan.milestoneDue(MilestoneKind.MONITORING_WINDOW_ENDED, "MONITORING_WINDOW", windowEnd).get(0));
        assertEquals(MonitoringPlanStatus.COMPLETED, plan.status());
        assertEquals("MONITORING_WINDOW_ENDED", plan.endReason());
        assertThrows(StateConflictException.class, () -> plan.changeChoices(PlanChoices.DEFAULTS));
    }

    @Test
    void aBaclofenExplantEscalatesOnceAndTheEscalationIsAcknowledgedOnce() {
        PostImplantMonitoring plan = plan("baclofen");
        var escalated = plan.escalateExplant("baclofen", false, null, false, "INFECTION", NOW).orElseThrow();
        RaisedEscalation escalation = escalated.escalation();
        assertEquals(ExplantRisk.RULE_ID, escalation.ruleId());
        assertEquals(Urgency.URGENT, escalation.urgency());
        assertEquals(1, escalation.alertCount());
        assertTrue(plan.escalateExplant("baclofen", false, null, true, "INFECTION", NOW).isEmpty(),
                "one per plan");
        assertTrue(plan.escalateExplant("baclofen", true, null, false, "BATTERY_END_OF_LIFE", NOW).isEmpty(),
                "replaced in the same surgery: the drug goes on");

        Instant later = NOW.plusSeconds(3600);
        escalation.reAlert(later, plan.ref());
        assertEquals(2, escalation.alertCount());
        escalation.acknowledge("dr-who", later, plan.ref());
        assertFalse(escalation.isOpen());
        assertEquals(List.of(), escalation.reAlert(later.plusSeconds(60), plan.ref()), "acknowledged: no re-alert");
        assertThrows(StateConflictException.class, () -> escalation.acknowledge("dr-no", later, plan.ref()));
        assertEquals("dr-who", escalation.acknowledgedBy());
    }
}
