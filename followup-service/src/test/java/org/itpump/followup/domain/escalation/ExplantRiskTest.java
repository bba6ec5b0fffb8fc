package org.itpump.followup.domain.escalation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Removing a baclofen pump stops baclofen at once (Lioresal boxed warning): URGENT, bridge or taper. */
class ExplantRiskTest {

    @ParameterizedTest
    @ValueSource(strings = {"baclofen", "Baclofen", " BACLOFEN "})
    void aBaclofenPumpsExplantIsUrgent(String drug) {
        Escalation escalation = ExplantRisk.onExplant(drug).orElseThrow();
        assertEquals("withdrawal-critical-drug-explant", escalation.ruleId());
        assertEquals(Urgency.URGENT, escalation.urgency());
        assertTrue(escalation.action().startsWith("Abrupt withdrawal risk: bridge with the oral drug or taper"), escalation.action());
        assertTrue(escalation.suspicion().endsWith("(baclofen)"), escalation.suspicion());
        assertEquals(Urgency.URGENT.defaultReAlertEvery(), escalation.reAlertEvery());
        assertTrue(ExplantRisk.SOURCE.contains("Lioresal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"morphine", "ziconotide", "clonidine", "hydromorphone"})
    void otherDrugsRaiseNothing(String drug) {
        assertEquals(Optional.empty(), ExplantRisk.onExplant(drug));
    }

    @Test
    void aBaclofenPumpReplacedInTheSameSurgeryRaisesNothing() {
        // the new pump, filled and programmed in that surgery, continues the baclofen: no abrupt stop
        assertEquals(Optional.empty(), ExplantRisk.onExplant("baclofen", true, null));
        assertEquals(Optional.empty(), ExplantRisk.onExplant("baclofen", true,
                new ExplantRisk.WithdrawalPlan("TAPER", LocalDate.of(2026, 11, 20), null)));
    }

    @Test
    void aRecordedTaperKeepsItUrgentAndTheActionNamesThePlan() {
        Escalation escalation = ExplantRisk.onExplant("baclofen", false, new ExplantRisk.WithdrawalPlan("TAPER",
                LocalDate.of(2026, 11, 20), " IT baclofen down 20 % every 2 days ")).orElseThrow();
        // withdrawal can happen despite a bridge (Lioresal boxed warning): still URGENT, re-alerted every 30 min
        assertEquals(Urgency.URGENT, escalation.urgency());
        assertEquals(Urgency.URGENT.defaultReAlertEvery(), escalation.reAlertEvery());
        assertEquals("Withdrawal plan recorded: TAPER since 2026-11-20 - IT baclofen down 20 % every 2 days; confirm it"
                + " is in place and watch for withdrawal signs (itching, fever, returning spasticity, confusion): tell the"
                + " patient and carers to call at once; escalate to emergency care if they appear.", escalation.action());
        Escalation bridgeOnly = ExplantRisk.onExplant("baclofen", false,
                new ExplantRisk.WithdrawalPlan("ORAL_BRIDGE", LocalDate.of(2026, 11, 29), null)).orElseThrow();
        assertTrue(bridgeOnly.action().startsWith("Withdrawal plan recorded: ORAL_BRIDGE since 2026-11-29; confirm"),
                bridgeOnly.action());
    }

    @Test
    void aPlanOnAMorphinePumpRaisesNothing() {
        assertEquals(Optional.empty(), ExplantRisk.onExplant("morphine", false,
                new ExplantRisk.WithdrawalPlan("TAPER", LocalDate.of(2026, 11, 20), null)));
    }

    @Test
    void anUnknownDrugRaisesNothing() {
        assertEquals(Optional.empty(), ExplantRisk.onExplant(null));
    }
}
