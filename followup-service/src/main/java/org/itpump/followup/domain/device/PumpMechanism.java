package org.itpump.followup.domain.device;

/** How an implanted pump moves the drug, which decides what an MRI scan can do to it. */
public enum PumpMechanism {
    /** Gas-pressurised reservoir metered by valves (Flowonix Prometra): a magnetic field can open the valves. */
    VALVE_GATED,
    /** Motor-driven roller pump (Medtronic SynchroMed): the magnet stalls the motor for the scan. */
    PERISTALTIC,
    /** A model not in the MRI labeling data. */
    UNKNOWN
}
