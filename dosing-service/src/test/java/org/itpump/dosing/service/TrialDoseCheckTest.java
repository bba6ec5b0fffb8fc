package org.itpump.dosing.service;

import org.itpump.dosing.domain.DrugLibrary;
import org.itpump.dosing.domain.TrialDoseFinding;
import org.itpump.dosing.service.TrialDoseCheck.TrialStarted;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The trial dose check converts the trial's unit to the drug's before comparing (issue 12 section 3) and marks
 * each finding HARD or SOFT with its rule; a bolus trial's dose is held to the drug's single-bolus limit
 * (issue 12 section 6; morphine's maxBolusDose 1 mg is hospital policy, docs/drug-library-review.md).
 */
class TrialDoseCheckTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();

    private static List<TrialDoseFinding> findings(String trialType, String drug, String dose, String unit) {
        return TrialDoseCheck.findings(LIBRARY, new TrialStarted(UUID.randomUUID(), "PT-1", UUID.randomUUID(),
                trialType, drug, new BigDecimal(dose), unit));
    }

    private static List<String> texts(String trialType, String drug, String dose, String unit) {
        return findings(trialType, drug, dose, unit).stream().map(TrialDoseFinding::text).toList();
    }

    @Test
    void aDoseInTheOtherMassUnitIsConvertedFirst() {
        assertEquals(List.of(), texts("SINGLE_BOLUS", "baclofen", "0.1", "mg"), "0.1 mg = 100 mcg, within 50-200 mcg");
        assertEquals(List.of(), texts("SINGLE_BOLUS", "morphine", "300", "mcg"), "300 mcg = 0.3 mg");
        // an infusion of 10 mg/day of morphine: within the 15 mg hard limit, above the 0.5 mg starting maximum
        assertEquals(List.of(TrialDoseFinding.soft("starting-daily-dose",
                        "The trial dose 10 mg is above the usual starting maximum of 0.5 mg")),
                findings("CONTINUOUS_INFUSION", "morphine", "10", "mg"));
        // 16000 mcg = 16 mg: above morphine's 15 mg hard limit
        assertEquals(List.of(TrialDoseFinding.hard("max-daily-dose",
                        "The morphine trial dose 16 mg/day exceeds the hard limit of 15 mg/day (drug library v1)")),
                findings("CONTINUOUS_INFUSION", "morphine", "16000", "mcg"));
    }

    @Test
    void aTenMilligramMorphineTrialBolusIsAboveTheHardBolusLimit() {
        // 10 mg > morphine's maxBolusDose of 1 mg: HARD; and 10 mg > the 0.5 mg starting maximum: SOFT
        assertEquals(List.of(
                TrialDoseFinding.hard("max-bolus-dose",
                        "The morphine bolus dose 10 mg exceeds the hard limit of 1 mg (drug library v1)"),
                TrialDoseFinding.soft("starting-daily-dose",
                        "The trial dose 10 mg is above the usual starting maximum of 0.5 mg")),
                findings("SINGLE_BOLUS", "morphine", "10", "mg"));
        // exactly at the limit is allowed: 1000 mcg = 1 mg is no HARD finding (only above the starting maximum)
        assertEquals(List.of("SOFT"), findings("REPEATED_BOLUS", "morphine", "1000", "ug").stream()
                .map(TrialDoseFinding::limit).toList());
    }

    @Test
    void aDoseThatCannotBeCheckedIsAHardFinding() {
        assertEquals(List.of(TrialDoseFinding.hard("dose-unit-not-convertible",
                        "The morphine trial dose unit 'mL' cannot be converted to mg: use mg or ug")),
                findings("SINGLE_BOLUS", "morphine", "1", "mL"));
        List<TrialDoseFinding> unknown = findings("SINGLE_BOLUS", "unobtainium", "1", "mg");
        assertEquals(1, unknown.size());
        assertEquals("HARD", unknown.get(0).limit());
        assertEquals("drug-not-in-library", unknown.get(0).rule());
    }
}
