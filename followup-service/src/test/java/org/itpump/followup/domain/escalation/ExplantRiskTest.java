package org.itpump.followup.domain.escalation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void anUnknownDrugRaisesNothing() {
        assertEquals(Optional.empty(), ExplantRisk.onExplant(null));
    }
}
