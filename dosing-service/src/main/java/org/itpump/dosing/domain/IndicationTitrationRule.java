package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A titration rule chosen by the program's indication (baclofen: +30 % per 24 h at most for spasticity of spinal
 * origin, +15 % for cerebral origin; LIORESAL-PI / GABLOFEN-PI). A program of such a drug must carry one of the
 * indications the library lists: without it, or with another, it is refused (422) naming them.
 */
public record IndicationTitrationRule(Map<Indication, PercentTitrationRule> byIndication) implements TitrationRule {

    public IndicationTitrationRule {
        byIndication = Map.copyOf(byIndication);
    }

    /** The rule of this indication; 422 naming the indications the library knows when it is missing or unknown. */
    public PercentTitrationRule ruleFor(Drug drug, Indication indication) {
        PercentTitrationRule rule = indication == null ? null : byIndication.get(indication);
        if (rule == null) {
            String known = byIndication.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " (at most +" + e.getValue().maxIncreasePercent().toPlainString() + " % per "
                            + e.getValue().window().toHours() + " h)")
                    .collect(Collectors.joining(" or "));
            throw new RuleViolationException("A " + drug.code() + " program needs its indication, which sets how fast the dose"
                    + " may rise: " + known + (indication == null ? "" : "; " + indication + " is not one of them")
                    + " (drug library v" + drug.libraryVersion() + ")",
                    List.of("drug: " + drug.code(), "indication: " + (indication == null ? "missing" : indication)));
        }
        return rule;
    }

    @Override
    public TitrationRule forIndication(Drug drug, Indication indication) {
        return ruleFor(drug, indication);
    }

    @Override
    public void checkIncrease(Drug drug, DoseHistory history, DoseChange proposed) {
        throw new IllegalStateException("choose the rule of the program's indication first (forIndication)");
    }
}
