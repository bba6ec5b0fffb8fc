package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.device.MriAdvice;
import org.itpump.followup.domain.drug.IntrathecalDrugs;

import java.util.Objects;

/**
 * What the plan knows beyond the report: the pump's drug (from dosing events; null while unknown) and the
 * device model with its MRI advice (from implant.completed).
 */
public record EscalationContext(String pumpDrug, String deviceModel, MriAdvice mriAdvice) {

    public static final EscalationContext UNKNOWN = new EscalationContext(null, null, MriAdvice.forModel(null, null));

    public EscalationContext {
        pumpDrug = IntrathecalDrugs.normalise(pumpDrug);
        Objects.requireNonNull(mriAdvice, "mriAdvice");
    }
}
