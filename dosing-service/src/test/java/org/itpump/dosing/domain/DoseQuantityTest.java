package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Units on every dose: exact conversion to the drug's unit, refusal of what a library entry cannot convert. */
class DoseQuantityTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final Drug BACLOFEN = LIBRARY.drug("baclofen");   // mcg
    private static final Drug MORPHINE = LIBRARY.drug("morphine");   // mg

    @ParameterizedTest
    @CsvSource({
            // value, unit, kind, drug, expected in the drug's unit
            "0.5,      mg/d,  DAILY_DOSE,    baclofen, 500",       // 0.5 mg = 500 mcg: the 1000-fold slip, read right
            "0.5,      ug/d,  DAILY_DOSE,    baclofen, 0.5",
            "0.5,      mcg/d, DAILY_DOSE,    baclofen, 0.5",
            "500,      ug/d,  DAILY_DOSE,    morphine, 0.5",
            "0.0001,   ug/d,  DAILY_DOSE,    morphine, 0.0000001", // 4 decimals in ug need 7 in mg: still exact
            "2,        mg/mL, CONCENTRATION, baclofen, 2000",
            "10000,    ug/mL, CONCENTRATION, morphine, 10",
            "0.025,    mg,    DOSE,          ziconotide, 25",
            "1.2345,   mg,    DOSE,          morphine, 1.2345"})
    void convertsExactly(BigDecimal value, String unit, DoseQuantity.Kind kind, String drug, BigDecimal expected) {
        BigDecimal converted = new DoseQuantity(value, unit).in(LIBRARY.drug(drug), kind, "dose");
        assertEquals(0, expected.compareTo(converted), converted.toPlainString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"mL", "mg/h", "g/d", "ug", "mg/mL", "MG/d", "IU/d", "mcg/day", "ng/d"})
    void aDailyDoseUnitTheLibraryCannotConvertIsRefused(String unit) {
        RuleViolationException e = assertThrows(RuleViolationException.class,
                () -> new DoseQuantity(BigDecimal.ONE, unit).in(BACLOFEN, DoseQuantity.Kind.DAILY_DOSE, "daily dose"));
        assertEquals("The baclofen daily dose unit '" + unit + "' cannot be converted to ug/d: use mg/d or ug/d", e.getMessage());
    }

    @Test
    void eachKindHasItsOwnSuffix() {
        assertThrows(RuleViolationException.class,
                () -> new DoseQuantity(BigDecimal.TEN, "mg/d").in(MORPHINE, DoseQuantity.Kind.CONCENTRATION, "concentration"));
        assertThrows(RuleViolationException.class,
                () -> new DoseQuantity(BigDecimal.TEN, "mg/mL").in(MORPHINE, DoseQuantity.Kind.DOSE, "bolus dose"));
        assertEquals("ug/mL", DoseQuantity.Kind.CONCENTRATION.ucum(DoseUnit.MCG));
        assertEquals("mg/d", DoseQuantity.Kind.DAILY_DOSE.ucum(DoseUnit.MG));
        assertEquals("ug", DoseQuantity.Kind.DOSE.ucum(DoseUnit.MCG));
    }

    @Test
    void theLowerEndOfTheStartingRangeNeedsAReasonSoASlipIsCaught() {
        // 0.5 typed as ug/d for baclofen (meant mg): 0.5 mcg/day is below the 50 mcg/day starting minimum
        LimitCheck slip = BACLOFEN.checkDailyDose(new DoseQuantity(new BigDecimal("0.5"), "ug/d")
                .in(BACLOFEN, DoseQuantity.Kind.DAILY_DOSE, "daily dose"));
        assertTrue(slip.belowSoftMinimum());
        RuleViolationException e = assertThrows(RuleViolationException.class, () -> slip.acceptWith(null));
        assertEquals("The baclofen daily dose 0.5 mcg/day is below the usual starting minimum of 50 mcg/day: an override"
                + " reason is required", e.getMessage());
        assertEquals(LimitOverride.Rule.STARTING_MINIMUM, slip.acceptWith("weaning, planned").orElseThrow().rule());
    }
}
