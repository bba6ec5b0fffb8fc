package org.itpump.dosing.domain;

import org.itpump.chassis.problem.ClinicalRuleException;

import java.util.List;

/**
 * A drug library version would leave active therapies outside its hard limits (LibraryChange) and the request did
 * not acknowledge them: answered 409 with the affected therapies (dosing-service's api maps it).
 */
public class AffectedTherapiesException extends ClinicalRuleException {

    private final int version;
    private final List<LibraryChange.AffectedTherapy> affected;

    public AffectedTherapiesException(int version, List<LibraryChange.AffectedTherapy> affected) {
        super("Drug library v" + version + " would leave " + affected.size() + " active therapy(ies) on a program it"
                + " refuses (a drug removed or a hard limit below the program); publish it again with"
                + " acknowledgeAffectedTherapies: true and an acknowledgementReason to accept that (it is published), or"
                + " change those programs first", affected.stream().flatMap(a -> a.findings().stream()
                        .map(f -> "therapy " + a.program().therapyId() + ": " + f.describe(a.program().drug(), version))).toList());
        this.version = version;
        this.affected = List.copyOf(affected);
    }

    public int version() {
        return version;
    }

    public List<LibraryChange.AffectedTherapy> affected() {
        return affected;
    }
}
