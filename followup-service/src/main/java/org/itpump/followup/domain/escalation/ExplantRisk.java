package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.drug.IntrathecalDrugs;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The escalation an explant raises by itself: removing the pump of a withdrawal-critical drug stops that drug at
 * once. Source: Lioresal Intrathecal (baclofen injection) US prescribing information, boxed warning: abrupt
 * discontinuation of intrathecal baclofen has led to high fever, altered mental status, exaggerated rebound
 * spasticity and muscle rigidity, advancing in rare cases to rhabdomyolysis, multiple organ-system failure and
 * death; prevent it by attention to programming and monitoring, and treat it by restoring baclofen (oral or
 * intrathecal) as soon as possible (the Gablofen labeling carries the same boxed warning).
 * <p>
 * Issue 13: a pump removed in the surgery of its replacement (implant.explanted with replacedByCaseId) raises
 * nothing: the new pump, filled and programmed in that surgery, continues the drug. A withdrawal plan recorded with a
 * planned explant (taper, oral bridge) keeps the escalation URGENT, since withdrawal can happen despite a bridge;
 * its action then names the plan to confirm instead of asking for one.
 */
public final class ExplantRisk {

    public static final String RULE_ID = "withdrawal-critical-drug-explant";
    public static final Urgency URGENCY = Urgency.URGENT;
    public static final String WHEN = "implant.explanted of a pump whose drug is withdrawal-critical (baclofen),"
            + " unless the pump was replaced in the same surgery (replacedByCaseId)";
    public static final String SUSPICION = "Abrupt withdrawal risk: the pump of a withdrawal-critical drug was removed";
    public static final String ACTION = "Abrupt withdrawal risk: bridge with the oral drug or taper today (e.g. oral"
            + " baclofen in divided doses, with benzodiazepine cover as the team decides); tell the patient and carers the"
            + " signs of withdrawal (itching, fever, returning spasticity, confusion) and to call at once; escalate to"
            + " emergency care if they appear.";
    /** The action when the explant recorded a withdrawal plan: {@code %s} is the plan, e.g. "TAPER since 2026-11-20". */
    public static final String ACTION_WITH_PLAN = "Withdrawal plan recorded: %s; confirm it is in place and watch for"
            + " withdrawal signs (itching, fever, returning spasticity, confusion): tell the patient and carers to call at"
            + " once; escalate to emergency care if they appear.";
    public static final String SOURCE = "Lioresal Intrathecal (baclofen injection) US prescribing information, boxed"
            + " warning on abrupt discontinuation";
    public static final String WHY = "Removing the pump stops the drug at once; baclofen withdrawal can kill within days"
            + " unless the drug is bridged or tapered, so the plan is made the same day whatever the reason for the explant."
            + " A recorded taper or oral bridge keeps it URGENT (withdrawal can happen despite a bridge); a pump replaced in"
            + " the same surgery continues the drug.";

    private ExplantRisk() {
    }

    /**
     * A withdrawal plan as implant.explanted carries it.
     *
     * @param kind   TAPER, ORAL_BRIDGE or TAPER_AND_ORAL_BRIDGE (read as text: a tolerant reader)
     * @param detail may be null
     */
    public record WithdrawalPlan(String kind, LocalDate startedOn, String detail) {

        /** "TAPER since 2026-11-20 - IT dose down 20 % every 2 days" (the detail only when given). */
        public String describe() {
            return kind + (startedOn == null ? "" : " since " + startedOn)
                    + (detail == null || detail.isBlank() ? "" : " - " + detail.strip());
        }
    }

    /** URGENT for a withdrawal-critical drug (baclofen); nothing for any other drug or an unknown one. */
    public static Optional<Escalation> onExplant(String pumpDrugOrNull) {
        return onExplant(pumpDrugOrNull, false, null);
    }

    /**
     * As {@link #onExplant(String)}, but nothing when the pump was replaced in the same surgery, and an action naming
     * the withdrawal plan when one was recorded.
     *
     * @param replacedInSameSurgery implant.explanted named the replacement case (replacedByCaseId)
     * @param planOrNull            the recorded withdrawal plan, or null
     */
    public static Optional<Escalation> onExplant(String pumpDrugOrNull, boolean replacedInSameSurgery,
                                                 WithdrawalPlan planOrNull) {
        if (replacedInSameSurgery || !IntrathecalDrugs.isWithdrawalCritical(pumpDrugOrNull)) {
            return Optional.empty();
        }
        String action = planOrNull == null || planOrNull.kind() == null ? ACTION
                : ACTION_WITH_PLAN.formatted(planOrNull.describe());
        return Optional.of(new Escalation(RULE_ID, URGENCY, SUSPICION + " (" + IntrathecalDrugs.normalise(pumpDrugOrNull) + ")",
                action));
    }
}
