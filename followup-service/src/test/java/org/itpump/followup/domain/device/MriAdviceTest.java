package org.itpump.followup.domain.device;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MRI advice follows the pump's mechanism, from the model in the implant record; each entry names its source. */
class MriAdviceTest {

    @ParameterizedTest
    @CsvSource({
            "Flowonix, Prometra, VALVE_GATED",
            "Flowonix, Prometra II, VALVE_GATED",
            "FLOWONIX MEDICAL, PROMETRA II PROGRAMMABLE PUMP, VALVE_GATED",
            "Medtronic, SynchroMed II, PERISTALTIC",
            "Medtronic, SynchroMed III, PERISTALTIC",
            "Medtronic, synchromed ii 8637-40, PERISTALTIC",
            "Tricumed, IP 2000 V, UNKNOWN",
            "Codman, 3000, UNKNOWN"})
    void theMechanismComesFromTheModel(String manufacturer, String model, PumpMechanism expected) {
        assertEquals(expected, MriAdvice.forModel(manufacturer, model).mechanism());
    }

    @Test
    void aValveGatedPumpIsEmptiedBeforeAndAPeristalticPumpCheckedAfter() {
        MriAdvice prometra = MriAdvice.forModel("Flowonix", "Prometra II");
        MriAdvice synchromed = MriAdvice.forModel("Medtronic", "SynchroMed II");
        assertTrue(prometra.beforeScan().startsWith("Empty the pump reservoir completely before the scan"), prometra.beforeScan());
        assertTrue(prometra.source().contains("Prometra"), prometra.source());
        assertTrue(synchromed.beforeScan().startsWith("Nothing to empty"), synchromed.beforeScan());
        assertTrue(synchromed.afterScan().contains("confirm the motor restarted"), synchromed.afterScan());
        assertTrue(synchromed.afterScan().contains("restart it if it stalled"), synchromed.afterScan());
        assertTrue(synchromed.source().contains("SynchroMed"), synchromed.source());
        assertFalse(synchromed.beforeScan().contains("Empty"), "a SynchroMed is not emptied");
    }

    @Test
    void anUnknownOrMissingModelGetsTheCautiousAdvice() {
        MriAdvice unknown = MriAdvice.forModel(null, null);
        assertEquals(PumpMechanism.UNKNOWN, unknown.mechanism());
        assertTrue(unknown.beforeScan().contains("check the manufacturer's MRI labeling"), unknown.beforeScan());
        assertTrue(unknown.asSentence(null).startsWith("MRI with this pump (model unknown): "), unknown.asSentence(null));
    }
}
