package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrugLibraryTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();

    @Test
    void versionOneHoldsTheEightDrugs() {
        assertEquals(1, LIBRARY.version());
        assertEquals(List.of("morphine", "hydromorphone", "fentanyl", "sufentanil", "ziconotide", "bupivacaine",
                "clonidine", "baclofen"), LIBRARY.drugs().stream().map(Drug::code).toList());
        LIBRARY.drugs().forEach(drug -> {
            assertEquals(1, drug.libraryVersion());
            assertFalse(drug.source().isBlank(), drug.code() + " cites its source");
        });
    }

    /** The figures as reviewed; a change to the data file must be a deliberate change here too. */
    @ParameterizedTest
    @CsvSource({
            "morphine,      MG,  20,    15,   0.1,  0.5",
            "hydromorphone, MG,  15,    4,    0.01, 0.15",
            "fentanyl,      MCG, 10000, ,     25,   75",
            "sufentanil,    MCG, 5000,  ,     10,   20",
            "ziconotide,    MCG, 100,   19.2, 0.5,  1.2",
            "bupivacaine,   MG,  30,    15,   0.01, 4",
            "clonidine,     MCG, 1000,  600,  20,   100",
            "baclofen,      MCG, 2000,  ,     50,   200"})
    void figures(String code, DoseUnit unit, BigDecimal maxConcentration, BigDecimal maxDaily, BigDecimal startMin,
                 BigDecimal startMax) {
        Drug drug = LIBRARY.drug(code);
        assertEquals(unit, drug.unit());
        assertEquals(0, maxConcentration.compareTo(drug.maxConcentrationPerMl()));
        assertEquals(Optional.ofNullable(maxDaily).map(BigDecimal::stripTrailingZeros),
                drug.maxDailyDose().map(BigDecimal::stripTrailingZeros), "no upper limit is modelled as none");
        assertEquals(0, startMin.compareTo(drug.startingDailyDoseMin()));
        assertEquals(0, startMax.compareTo(drug.startingDailyDoseMax()));
    }

    @Test
    void refillSafetyMarginsAreOneDayAndTwoForTheWithdrawalCriticalDrug() {
        LIBRARY.drugs().forEach(drug -> assertEquals(drug.withdrawalCritical() ? 2 : 1, drug.refillSafetyMarginDays(), drug.code()));
    }

    @Test
    void aWithdrawalCriticalDrugMustHaveTheLargerMarginAndAMissingMarginGetsTheSeedsFigure() {
        var library = LibraryFixtures.seed();
        LibraryFixtures.drug(library, "baclofen").put("refillSafetyMarginDays", 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DrugLibrary.parse(library.toString()));
        assertTrue(e.getMessage().contains("baclofen: refillSafetyMarginDays of a withdrawal-critical drug must be larger"
                + " than every other drug's (1), was 1"), e.getMessage());
        LibraryFixtures.drug(library, "baclofen").put("refillSafetyMarginDays", -1);
        assertThrows(IllegalStateException.class, () -> DrugLibrary.parse(library.toString()));
        // a document stored before the field existed
        var older = LibraryFixtures.seed();
        older.withArray("drugs").forEach(drug -> ((com.fasterxml.jackson.databind.node.ObjectNode) drug).remove("refillSafetyMarginDays"));
        DrugLibrary parsed = DrugLibrary.parse(older.toString());
        assertEquals(2, parsed.drug("baclofen").refillSafetyMarginDays());
        assertEquals(1, parsed.drug("morphine").refillSafetyMarginDays());
    }

    @Test
    void onlyBaclofenIsWithdrawalCritical() {
        assertEquals(List.of("baclofen"), LIBRARY.drugs().stream().filter(Drug::withdrawalCritical).map(Drug::code).toList());
    }

    @Test
    void titrationAndStabilityRules() {
        assertEquals(Optional.of(new StepTitrationRule(new BigDecimal("2.4"), 3, Duration.ofDays(7))),
                LIBRARY.drug("ziconotide").titrationRule());
        // LIORESAL-PI: spinal origin 10-30 %, cerebral origin 5-15 % per 24 h (the ceilings are held)
        assertEquals(Optional.of(new IndicationTitrationRule(java.util.Map.of(
                        Indication.SPASTICITY_OF_SPINAL_ORIGIN, new PercentTitrationRule(new BigDecimal("30"), Duration.ofHours(24)),
                        Indication.SPASTICITY_OF_CEREBRAL_ORIGIN, new PercentTitrationRule(new BigDecimal("15"), Duration.ofHours(24))))),
                LIBRARY.drug("baclofen").titrationRule());
        assertTrue(LIBRARY.drug("morphine").titrationRule().isEmpty());
        assertEquals(new ReservoirStability(60, 14, 40), LIBRARY.drug("ziconotide").stability());
        assertEquals(new ReservoirStability(90, null, null), LIBRARY.drug("morphine").stability());
        assertEquals(new ReservoirStability(90, null, null), LIBRARY.drug("hydromorphone").stability());
        assertEquals(ReservoirStability.NONE_CITED, LIBRARY.drug("baclofen").stability());
    }

    @Test
    void anUnknownDrugIsRefused() {
        RuleViolationException e = assertThrows(RuleViolationException.class, () -> LIBRARY.drug("ketamine"));
        assertTrue(e.getMessage().contains("ketamine") && e.getMessage().contains("v1"), e.getMessage());
    }

    @Test
    void aMissingVersionIsNotOnTheClasspath() {
        assertThrows(IllegalStateException.class, () -> DrugLibrary.load(99));
    }

    private static final String GOOD_DRUG = """
            {"code": "morphine", "name": "Morphine", "unit": "mg", "maxConcentrationPerMl": 20, "maxDailyDose": 15,
             "startingDailyDose": {"min": 0.1, "max": 0.5}, "stability": {"refillDays": 90},
             "withdrawalCritical": false, "source": "PCC 2017"}""";

    private static DrugLibrary libraryOf(String drug) {
        return DrugLibrary.parse("{\"version\": 2, \"drugs\": [" + drug + "]}");
    }

    @Test
    void aValidFileParses() {
        DrugLibrary library = libraryOf(GOOD_DRUG);
        assertEquals(2, library.version());
        assertEquals(2, library.drug("morphine").libraryVersion());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"unit\": \"mg\"                  | \"unit\": \"ml\"                 | unit must be mg or mcg",
            "\"unit\": \"mg\",                 | ''                             | unit must be mg or mcg",
            "\"maxConcentrationPerMl\": 20     | \"maxConcentrationPerMl\": -20   | maxConcentrationPerMl must be a number above 0",
            "\"maxDailyDose\": 15              | \"maxDailyDose\": 0              | maxDailyDose must be a number above 0 or \"none\"",
            "\"maxDailyDose\": 15,             | ''                             | maxDailyDose must be a number above 0 or \"none\"",
            "\"maxDailyDose\": 15              | \"maxDailyDose\": 0.4            | startingDailyDose.max is above maxDailyDose",
            "\"min\": 0.1                      | \"min\": 0.6                     | startingDailyDose.min is above its max",
            "\"source\": \"PCC 2017\"          | \"source\": \" \"                | source is missing",
            "\"withdrawalCritical\": false,    | ''                             | withdrawalCritical must be true or false",
            "\"refillDays\": 90                | \"refillDays\": 0                | refillDays must be a whole number of at least 1",
            "\"stability\": {\"refillDays\": 90}, | ''                          | stability is missing"})
    void anInvalidDrugIsRefusedWithItsFault(String good, String bad, String fault) {
        assertTrue(GOOD_DRUG.contains(good), good);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> libraryOf(GOOD_DRUG.replace(good, bad)));
        assertTrue(e.getMessage().contains("morphine: " + fault), e.getMessage());
    }

    @Test
    void noUpperLimitMustBeSaidExplicitly() {
        Drug drug = libraryOf(GOOD_DRUG.replace("\"maxDailyDose\": 15", "\"maxDailyDose\": \"none\"")).drug("morphine");
        assertTrue(drug.maxDailyDose().isEmpty());
    }

    @Test
    void aTitrationRuleNeedsOneKindAndWholeCounts() {
        String both = GOOD_DRUG.replace("\"withdrawalCritical\"",
                "\"titration\": {\"maxStepIncrease\": 1, \"maxIncreasePercent\": 30}, \"withdrawalCritical\"");
        assertTrue(assertThrows(IllegalStateException.class, () -> libraryOf(both)).getMessage()
                .contains("either maxStepIncrease or maxIncreasePercent"));
        String fraction = GOOD_DRUG.replace("\"withdrawalCritical\"",
                "\"titration\": {\"maxStepIncrease\": 1, \"maxIncreases\": 2.5, \"windowDays\": 7}, \"withdrawalCritical\"");
        assertTrue(assertThrows(IllegalStateException.class, () -> libraryOf(fraction)).getMessage()
                .contains("maxIncreases must be a whole number"));
    }

    @Test
    void aTitrationByIndicationNamesKnownIndicationsEachWithAPercentRule() {
        String unknown = GOOD_DRUG.replace("\"withdrawalCritical\"", "\"titration\": {\"byIndication\": "
                + "{\"SPASTICITY_OF_SPINE\": {\"maxIncreasePercent\": 30, \"windowHours\": 24}}}, \"withdrawalCritical\"");
        assertTrue(assertThrows(IllegalStateException.class, () -> libraryOf(unknown)).getMessage()
                .contains("unknown indication 'SPASTICITY_OF_SPINE'"));
        String noWindow = GOOD_DRUG.replace("\"withdrawalCritical\"", "\"titration\": {\"byIndication\": "
                + "{\"SPASTICITY_OF_CEREBRAL_ORIGIN\": {\"maxIncreasePercent\": 15}}}, \"withdrawalCritical\"");
        assertTrue(assertThrows(IllegalStateException.class, () -> libraryOf(noWindow)).getMessage()
                .contains("windowHours must be a whole number"));
        String good = GOOD_DRUG.replace("\"withdrawalCritical\"", "\"titration\": {\"byIndication\": "
                + "{\"SPASTICITY_OF_CEREBRAL_ORIGIN\": {\"maxIncreasePercent\": 15, \"windowHours\": 24}}}, \"withdrawalCritical\"");
        assertEquals(Optional.of(new IndicationTitrationRule(java.util.Map.of(Indication.SPASTICITY_OF_CEREBRAL_ORIGIN,
                new PercentTitrationRule(new BigDecimal("15"), Duration.ofHours(24))))), libraryOf(good).drug("morphine").titrationRule());
    }

    @Test
    void duplicatesAndEveryFaultAreReportedTogether() {
        String twice = GOOD_DRUG + "," + GOOD_DRUG;
        assertTrue(assertThrows(IllegalStateException.class, () -> libraryOf(twice)).getMessage().contains("morphine: listed twice"));
        String twoFaults = GOOD_DRUG.replace("\"unit\": \"mg\"", "\"unit\": \"g\"").replace("\"name\": \"Morphine\",", "");
        String message = assertThrows(IllegalStateException.class, () -> libraryOf(twoFaults)).getMessage();
        assertTrue(message.contains("unit must be") && message.contains("name is missing"), message);
        assertThrows(IllegalStateException.class, () -> DrugLibrary.parse("{\"version\": 0, \"drugs\": []}"));
        assertThrows(IllegalStateException.class, () -> DrugLibrary.parse("not json"));
    }
}
