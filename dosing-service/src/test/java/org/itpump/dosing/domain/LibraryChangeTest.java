package org.itpump.dosing.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which active programs a new library version would leave outside its hard limits (issue 12 section 4). */
class LibraryChangeTest {

    private static final UUID THERAPY = UUID.randomUUID();

    /** Morphine 10 mg/mL, 2 mg/day plus up to 4 boluses of 0.5 mg: total possible 2 + 4 x 0.5 = 4 mg/day. */
    private static final LibraryChange.ProgramInForce MORPHINE_WITH_BOLUSES = new LibraryChange.ProgramInForce(THERAPY,
            UUID.randomUUID(), "PT-1", UUID.randomUUID(), 1, "morphine", DoseUnit.MG, new BigDecimal("10"),
            new BigDecimal("2"), new BigDecimal("0.5"), 4);

    private static DrugLibrary morphine(String unit, String maxConcentration, String maxDaily, String maxBolus,
                                        String startMin, String startMax) {
        return DrugLibrary.parse("""
                {"version": 2, "drugs": [{"code": "morphine", "name": "Morphine", "unit": "%s",
                 "maxConcentrationPerMl": %s, "maxDailyDose": %s, "maxBolusDose": %s,
                 "startingDailyDose": {"min": %s, "max": %s}, "stability": {"refillDays": 90},
                 "withdrawalCritical": false, "source": "test"},
                 {"code": "clonidine", "name": "Clonidine", "unit": "mcg", "maxConcentrationPerMl": 1000,
                 "maxDailyDose": 600, "startingDailyDose": {"min": 20, "max": 100}, "stability": {"refillDays": null},
                 "withdrawalCritical": false, "source": "test"}]}""".formatted(unit, maxConcentration, maxDaily, maxBolus,
                startMin, startMax));
    }

    private static List<LibraryChange.Finding> findings(DrugLibrary next, LibraryChange.ProgramInForce program) {
        List<LibraryChange.AffectedTherapy> affected = LibraryChange.affected(next, List.of(program));
        return affected.isEmpty() ? List.of() : affected.get(0).findings();
    }

    @Test
    void aMaximumNarrowedBelowTheProgramIsFoundWithBothValues() {
        // max daily 3 mg: the daily 2 mg passes, the total possible 4 mg does not; max bolus 0.4 mg < 0.5 mg
        assertEquals(List.of(
                        new LibraryChange.Finding(LibraryChange.Limit.MAX_TOTAL_POSSIBLE_DAILY_DOSE, new BigDecimal("3"), new BigDecimal("4.0"), "mg/d"),
                        new LibraryChange.Finding(LibraryChange.Limit.MAX_BOLUS_DOSE, new BigDecimal("0.4"), new BigDecimal("0.5"), "mg")),
                findings(morphine("mg", "20", "3", "0.4", "0.1", "0.5"), MORPHINE_WITH_BOLUSES));
    }

    @Test
    void exactlyAtEveryLimitAffectsNothing() {
        // max daily 4 mg = the total possible; max bolus 0.5 mg; max concentration 10 mg/mL
        assertEquals(List.of(), findings(morphine("mg", "10", "4", "0.5", "0.1", "0.5"), MORPHINE_WITH_BOLUSES));
    }

    @Test
    void figuresAreComparedInTheNewEntrysUnit() {
        // morphine now in mcg, max 5000 mcg/mL: the program's 10 mg/mL is 10000 ug/mL; 2 mg/d = 2000 ug/d < 15000;
        // total 4 mg/d = 4000 ug/d < 15000; bolus 0.5 mg = 500 ug < 1000
        assertEquals(List.of(new LibraryChange.Finding(LibraryChange.Limit.MAX_CONCENTRATION, new BigDecimal("5000"),
                        new BigDecimal("10000"), "ug/mL")),
                findings(morphine("mcg", "5000", "15000", "1000", "100", "500"), MORPHINE_WITH_BOLUSES));
    }

    @Test
    void aDrugTheVersionNoLongerListsIsFound() {
        LibraryChange.ProgramInForce baclofen = new LibraryChange.ProgramInForce(THERAPY, UUID.randomUUID(), "PT-2",
                UUID.randomUUID(), 1, "baclofen", DoseUnit.MCG, new BigDecimal("500"), new BigDecimal("100"), null, null);
        List<LibraryChange.AffectedTherapy> affected = LibraryChange.affected(morphine("mg", "20", "15", "1", "0.1", "0.5"),
                List.of(baclofen, MORPHINE_WITH_BOLUSES));
        assertEquals(1, affected.size(), "morphine stays within v2; baclofen is gone");
        assertEquals(baclofen, affected.get(0).program());
        assertEquals(List.of(new LibraryChange.Finding(LibraryChange.Limit.DRUG_REMOVED, null, null, null)), affected.get(0).findings());
        assertEquals("baclofen is not in drug library v2", affected.get(0).findings().get(0).describe("baclofen", 2));
    }
}
