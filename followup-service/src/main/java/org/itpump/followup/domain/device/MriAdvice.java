package org.itpump.followup.domain.device;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to do about an MRI scan for the implanted pump, by model (the {@code device} of implant.completed). Data,
 * each entry naming its source; a model not listed gets the cautious generic advice.
 *
 * @param mechanism  how the pump works
 * @param beforeScan what must happen before the scan
 * @param afterScan  what must happen after it
 * @param source     the labeling it comes from
 */
public record MriAdvice(PumpMechanism mechanism, String beforeScan, String afterScan, String source) {

    /** One model family of the labeling data: matched when the device model contains {@code modelContains}. */
    record Entry(String modelContains, MriAdvice advice) {
    }

    static final List<Entry> LABELING = List.of(
            new Entry("prometra", new MriAdvice(PumpMechanism.VALVE_GATED,
                    "Empty the pump reservoir completely before the scan (and record the volume removed): the magnetic"
                            + " field can open the valves and release the reservoir into the spinal fluid, an overdose.",
                    "Refill the pump and check it runs as programmed; watch for withdrawal while it was empty.",
                    "Flowonix Prometra / Prometra II programmable pump, MRI safety information (MR Conditional:"
                            + " reservoir emptied before the scan)")),
            new Entry("synchromed", new MriAdvice(PumpMechanism.PERISTALTIC,
                    "Nothing to empty; the motor stalls in the magnet, so the infusion stops during the scan (plan"
                            + " for withdrawal or pain while it is stopped).",
                    "Interrogate the pump with the clinician programmer after the scan to confirm the motor restarted"
                            + " (the log shows a motor stall); reprogram or restart it if it stalled.",
                    "Medtronic SynchroMed II / III MRI guidelines (MR Conditional: confirm pump status after the"
                            + " MRI; the motor stalls in the magnetic field and normally recovers)")));

    static final MriAdvice UNKNOWN_MODEL = new MriAdvice(PumpMechanism.UNKNOWN,
            "Pump model not in the MRI data: check the manufacturer's MRI labeling before the scan.",
            "Interrogate the pump after the scan.",
            "No labeling entry for this model: the manufacturer's MRI labeling decides");

    /** The advice for a device model, e.g. {@code "Prometra II"} or {@code "SynchroMed II"}; case does not matter. */
    public static MriAdvice forModel(String manufacturer, String model) {
        String text = (Objects.toString(manufacturer, "") + " " + Objects.toString(model, "")).toLowerCase(Locale.ROOT);
        return LABELING.stream().filter(e -> text.contains(e.modelContains())).map(Entry::advice).findFirst()
                .orElse(UNKNOWN_MODEL);
    }

    /** One sentence for an escalation's action. */
    public String asSentence(String model) {
        return "MRI with this pump (" + (model == null ? "model unknown" : model) + "): before the scan: " + beforeScan
                + " After the scan: " + afterScan;
    }
}
