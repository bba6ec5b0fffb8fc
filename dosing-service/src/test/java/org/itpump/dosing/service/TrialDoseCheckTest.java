package org.itpump.dosing.service;

import org.itpump.dosing.domain.DrugLibrary;
import org.itpump.dosing.messaging.TrialEventsConsumer.TrialStarted;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trial dose check converts the trial's unit to the drug's before comparing (issue 12 section 3). */
class TrialDoseCheckTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();

    private static List<String> findings(String drug, String dose, String unit) {
        return TrialDoseCheck.findings(LIBRARY, new TrialStarted(UUID.randomUUID(), "PT-1", UUID.randomUUID(), drug,
                new BigDecimal(dose), unit));
    }

    @Test
    void aDoseInTheOtherMassUnitIsConvertedFirst() {
        assertEquals(List.of(), findings("baclofen", "0.1", "mg"), "0.1 mg = 100 mcg, within 50-200 mcg");
        assertEquals(List.of(), findings("morphine", "300", "mcg"), "300 mcg = 0.3 mg");
        // 10 mg of morphine: within the 15 mg hard limit, above the 0.5 mg starting maximum
        assertEquals(List.of("The trial dose 10 mg is above the usual starting maximum of 0.5 mg"), findings("morphine", "10", "mg"));
        // 16000 mcg = 16 mg: above morphine's 15 mg hard limit
        List<String> hard = findings("morphine", "16000", "mcg");
        assertEquals(1, hard.size());
        assertTrue(hard.get(0).contains("16 mg/day exceeds the hard limit of 15 mg/day"), hard.get(0));
    }

    @Test
    void aUnitThatCannotBeConvertedIsAFinding() {
        assertEquals(List.of("The morphine trial dose unit 'mL' cannot be converted to mg: use mg or ug"),
                findings("morphine", "1", "mL"));
    }
}
