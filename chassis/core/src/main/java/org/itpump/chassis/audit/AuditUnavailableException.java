package org.itpump.chassis.audit;

/**
 * The audit row of a change or a read could not be written: the change is rolled back, the answer withheld, and the
 * client gets 503 (audit is a precondition of touching patient data, HIPAA 45 CFR 164.312(b)).
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(Throwable cause) {
        super("The audit record could not be written: " + cause.getMessage(), cause);
    }
}
