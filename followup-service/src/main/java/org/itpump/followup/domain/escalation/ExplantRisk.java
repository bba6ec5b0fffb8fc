package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.drug.IntrathecalDrugs;

import java.util.Optional;

/**
 * The escalation an explant raises by itself: removing the pump of a withdrawal-critical drug stops that drug at
 * once. Source: Lioresal Intrathecal (baclofen injection) US prescribing information, boxed warning: abrupt
 * discontinuation of intrathecal baclofen has led to high fever, altered mental status, exaggerated rebound
 * spasticity and muscle rigidity, advancing in rare cases to rhabdomyolysis, multiple organ-system failure and
 * death; prevent it by attention to programming and monitoring, and treat it by restoring baclofen (oral or
 * intrathecal) as soon as possible.
 */
public final class ExplantRisk {

    public static final String RULE_ID = "withdrawal-critical-drug-explant";
    public static final Urgency URGENCY = Urgency.URGENT;
    public static final String SUSPICION = "Abrupt withdrawal risk: the pump of a withdrawal-critical drug was removed";
    public static final String ACTION = "Abrupt withdrawal risk: bridge with the oral drug or taper today (e.g. oral"
            + " baclofen in divided doses, with benzodiazepine cover as the team decides); tell the patient and carers the"
            + " signs of withdrawal (itching, fever, returning spasticity, confusion) and to call at once; escalate to"
            + " emergency care if they appear.";
    public static final String SOURCE = "Lioresal Intrathecal (baclofen injection) US prescribing information, boxed"
            + " warning on abrupt discontinuation";
    public static final String WHY = "Removing the pump stops the drug at once; baclofen withdrawal can kill within days"
            + " unless the drug is bridged or tapered, so the plan is made the same day whatever the reason for the explant.";

    private ExplantRisk() {
    }

    /** URGENT for a withdrawal-critical drug (baclofen); nothing for any other drug or an unknown one. */
    public static Optional<Escalation> onExplant(String pumpDrugOrNull) {
        if (!IntrathecalDrugs.isWithdrawalCritical(pumpDrugOrNull)) {
            return Optional.empty();
        }
        return Optional.of(new Escalation(RULE_ID, URGENCY, SUSPICION + " (" + IntrathecalDrugs.normalise(pumpDrugOrNull) + ")",
                ACTION));
    }
}
