package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.implant.domain.DeviceCatalogue.MriSafety;
import org.itpump.implant.domain.DeviceCatalogue.PumpMechanism;
import org.itpump.implant.domain.DeviceCatalogue.PumpModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled device catalogue (issue 12 section 2) and the rules it enforces on an implant record. */
class DeviceCatalogueTest {

    private static final DeviceCatalogue BUNDLED = DeviceCatalogue.bundled();

    private static BigDecimal ml(String value) {
        return new BigDecimal(value);
    }

    @ParameterizedTest
    @CsvSource({"Medtronic, SynchroMed II, 20", "Medtronic, SynchroMed II, 40", "Flowonix, Prometra II, 20",
            "Flowonix, Prometra II, 40"})
    void eachModelIsKnownInEachOfItsReservoirVolumes(String manufacturer, String model, String reservoirMl) {
        PumpModel pump = BUNDLED.identify(manufacturer, model, ml(reservoirMl));
        assertEquals(model, pump.model());
        assertFalse(pump.source().isBlank());
        assertFalse(pump.mri().source().isBlank());
    }

    @Test
    void synchroMedIIIsPeristalticWithAProgrammableTwoMlAlarmAndIsCheckedAfterAnMri() {
        PumpModel pump = BUNDLED.identify("Medtronic", "SynchroMed II", ml("40"));
        assertEquals(PumpMechanism.PERISTALTIC, pump.mechanism());
        assertEquals(0, ml("2.0").compareTo(pump.lowReservoirAlarm().defaultMl()));
        assertTrue(pump.lowReservoirAlarm().programmable());
        assertEquals(0, ml("1.0").compareTo(pump.lowReservoirAlarm().minMl()));
        assertEquals(0, ml("5.0").compareTo(pump.lowReservoirAlarm().maxMl()));
        assertEquals(MriSafety.MR_CONDITIONAL, pump.mri().safety());
        assertTrue(pump.mri().summary().contains("stalls"), pump.mri().summary());
        assertTrue(pump.mri().conditions().stream().anyMatch(c -> c.contains("3.0 T")));
        assertTrue(pump.mri().conditions().stream().anyMatch(c -> c.startsWith("After the scan: interrogate")));
    }

    @Test
    void prometraIIIsValveGatedAndIsEmptiedBeforeAnMri() {
        PumpModel pump = BUNDLED.identify("Flowonix", "Prometra II", ml("20"));
        assertEquals(PumpMechanism.VALVE_GATED, pump.mechanism());
        assertFalse(pump.lowReservoirAlarm().programmable());
        assertNull(pump.lowReservoirAlarm().minMl());
        assertTrue(pump.mri().summary().startsWith("Empty the reservoir"), pump.mri().summary());
        assertTrue(pump.mri().conditions().stream().anyMatch(c -> c.contains("1.5 T only")));
        assertTrue(pump.mri().source().contains("FDA"), pump.mri().source());
    }

    @Test
    void namesMatchWhateverTheCaseAndSpacingAndTheCataloguesSpellingIsKept() {
        PumpModel pump = BUNDLED.identify(" MEDTRONIC", "synchromed   ii ", ml("20.0"));
        assertEquals("Medtronic", pump.manufacturer());
        assertEquals("SynchroMed II", pump.model());
    }

    @Test
    void aReservoirTheModelIsNotMadeInIsRefusedNamingTheAllowedVolumes() {
        var refused = assertThrows(RuleViolationException.class,
                () -> BUNDLED.identify("Medtronic", "SynchroMed II", ml("30")));
        assertEquals("A Medtronic SynchroMed II reservoir holds 20 or 40 mL, not 30 mL (rule device-catalogue)",
                refused.getMessage());
        assertEquals(List.of("20 mL", "40 mL"), refused.details());
    }

    @Test
    void anUnknownModelIsRefusedNamingTheKnownOnes() {
        var refused = assertThrows(RuleViolationException.class,
                () -> BUNDLED.identify("Medtronic", "SynchroMed EL", ml("18")));
        assertEquals("Pump model 'SynchroMed EL' is not in the device catalogue (rule device-catalogue); known models:"
                + " Medtronic SynchroMed II (20 or 40 mL), Flowonix Prometra II (20 or 40 mL)", refused.getMessage());
        assertEquals(List.of("Medtronic SynchroMed II", "Flowonix Prometra II"), refused.details());
    }

    @Test
    void aManufacturerThatDoesNotMakeTheModelIsRefused() {
        var refused = assertThrows(RuleViolationException.class,
                () -> BUNDLED.identify("Flowonix", "SynchroMed II", ml("20")));
        assertEquals("Pump model SynchroMed II is made by Medtronic, not 'Flowonix' (rule device-catalogue)",
                refused.getMessage());
    }

    private static final String EXTENSION = """
            {"models":[
              {"manufacturer":"Medtronic","model":"SynchroMed III","reservoirVolumesMl":[20,40],
               "lowReservoirAlarm":{"defaultMl":2.5,"minMl":1.0,"maxMl":5.0},"mechanism":"PERISTALTIC",
               "mri":{"safety":"MR_CONDITIONAL","summary":"Check the pump after the scan.",
                      "conditions":["1.5 T or 3.0 T"],"source":"hospital test entry"},
               "source":"hospital test entry"},
              {"manufacturer":"Flowonix","model":"prometra ii","reservoirVolumesMl":[20],
               "lowReservoirAlarm":{"defaultMl":3},"mechanism":"VALVE_GATED",
               "mri":{"safety":"MR_CONDITIONAL","summary":"Empty it before the scan.",
                      "conditions":["1.5 T only"],"source":"hospital correction"},
               "source":"hospital correction"}
            ]}""";

    @Test
    void anExtensionFileAddsAModelAndCorrectsAnother() {
        DeviceCatalogue extended = BUNDLED.extendedBy(DeviceCatalogue.read(EXTENSION, "hospital.json"));
        PumpModel added = extended.identify("Medtronic", "SynchroMed III", ml("40"));
        assertEquals(0, ml("2.5").compareTo(added.lowReservoirAlarm().defaultMl()));
        // the hospital's Prometra II entry replaces the bundled one: 20 mL only, alarm 3 mL
        assertEquals(0, ml("3").compareTo(extended.identify("Flowonix", "Prometra II", ml("20")).lowReservoirAlarm().defaultMl()));
        assertThrows(RuleViolationException.class, () -> extended.identify("Flowonix", "Prometra II", ml("40")));
        assertEquals(List.of("SynchroMed II", "prometra ii", "SynchroMed III"),
                extended.models().stream().map(PumpModel::model).toList());
        // the bundled catalogue itself is unchanged
        assertThrows(RuleViolationException.class, () -> BUNDLED.identify("Medtronic", "SynchroMed III", ml("40")));
    }

    @Test
    void aBadCatalogueFailsWithEveryFaultListed() {
        String bad = """
                {"models":[
                  {"manufacturer":"","model":"X1","reservoirVolumesMl":[0, 60],"lowReservoirAlarm":{"defaultMl":2,"minMl":3},
                   "mechanism":"MAGIC","mri":{"safety":"MR_CONDITIONAL","summary":"s","conditions":[],"source":"s"},"source":"s"},
                  {"manufacturer":"M","model":"Y","reservoirVolumesMl":[20],"lowReservoirAlarm":{"defaultMl":20},
                   "mechanism":"PERISTALTIC","mri":{"safety":"MR_UNSAFE","summary":"s","source":"s"},"source":"s"}
                ]}""";
        var failed = assertThrows(IllegalStateException.class, () -> DeviceCatalogue.read(bad, "bad.json"));
        String message = failed.getMessage();
        for (String fault : List.of("X1: manufacturer is missing", "X1: a reservoir volume must be above 0 and at most 40 mL, was 0",
                "was 60", "X1: lowReservoirAlarm needs both minMl and maxMl", "X1: mechanism must be one of",
                "X1: an MR_CONDITIONAL pump needs its mri conditions",
                "Y: lowReservoirAlarm.defaultMl must be above 0 and below the smallest reservoir (20 mL)")) {
            assertTrue(message.contains(fault), fault + " in " + message);
        }
        assertThrows(IllegalStateException.class, () -> DeviceCatalogue.read("{\"models\":[]}", "empty.json"));
        assertThrows(IllegalStateException.class, () -> DeviceCatalogue.read("{not json", "broken.json"));
    }

    @Test
    void aModelListedTwiceIsRefused() {
        String twice = EXTENSION.replace("\"model\":\"prometra ii\"", "\"model\":\"SYNCHROMED iii\"");
        var failed = assertThrows(IllegalStateException.class, () -> DeviceCatalogue.read(twice, "twice.json"));
        assertTrue(failed.getMessage().contains("listed twice"), failed.getMessage());
    }
}
