package org.itpump.dosing.domain;

/** What sets the refill due date: the low-reservoir alarm or the drug's stability in the reservoir. */
public enum RefillDueReason {
    LOW_RESERVOIR_ALARM, DRUG_STABILITY
}
