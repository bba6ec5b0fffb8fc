package org.itpump.implant.domain;

import org.itpump.chassis.problem.StateConflictException;

import java.util.Objects;
import java.util.UUID;

/**
 * The rules of a replacement pump (issue 13): a case whose pump was implanted (COMPLETED, or EXPLANTED since) can
 * be replaced by a new case on the same pathway, without a new screening trial; a case never implanted (awaiting
 * scheduling, scheduled, CLOSED) cannot. A case has at most one live replacement: one that is not CLOSED (a
 * completed replacement is the pump now in; replace that one next time).
 */
public final class PumpReplacement {

    private PumpReplacement() {
    }

    /**
     * 409 ({@link StateConflictException}) unless the case can be replaced now.
     *
     * @param replaced           the status of the case to replace
     * @param liveReplacementId  the id of a replacement of that case that is not CLOSED, or null
     * @param liveReplacementStatus that replacement's status, or null
     */
    public static void requireReplaceable(UUID caseId, ImplantCaseStatus replaced, UUID liveReplacementId,
                                          ImplantCaseStatus liveReplacementStatus) {
        Objects.requireNonNull(replaced, "replaced");
        if (replaced != ImplantCaseStatus.COMPLETED && replaced != ImplantCaseStatus.EXPLANTED) {
            throw new StateConflictException("Implant case " + caseId + " is " + replaced
                    + ": only a case whose pump was implanted (COMPLETED or EXPLANTED) can be replaced");
        }
        if (liveReplacementId != null) {
            throw new StateConflictException("Implant case " + caseId + " already has replacement case "
                    + liveReplacementId + " (" + liveReplacementStatus + ")"
                    + (liveReplacementStatus == ImplantCaseStatus.AWAITING_SCHEDULING
                    || liveReplacementStatus == ImplantCaseStatus.SCHEDULED ? "" : "; replace that case instead"));
        }
    }

    /**
     * What completing a replacement does to the case it replaces: a pump still in (COMPLETED) is removed in the
     * same surgery, so that case becomes EXPLANTED; a pump already removed (EXPLANTED) stays as it is.
     *
     * @return true when the replaced case is to be marked EXPLANTED now
     */
    public static boolean removesReplacedPump(ImplantCaseStatus replaced) {
        return replaced == ImplantCaseStatus.COMPLETED;
    }
}
