package org.itpump.chassis.deadletter;

import java.util.List;

/**
 * The broker did not acknowledge some republished records in time (answered 503): those are not recorded as
 * redriven and may be redriven again; the ones it did acknowledge are recorded and named.
 */
public class RedriveFailedException extends RuntimeException {

    private final List<String> failures;
    private final List<DeadLetterViews.Redriven> redriven;

    public RedriveFailedException(List<String> failures, List<DeadLetterViews.Redriven> redriven) {
        super("The broker did not acknowledge " + failures.size() + " republished record(s); "
                + redriven.size() + " were redriven and recorded");
        this.failures = List.copyOf(failures);
        this.redriven = List.copyOf(redriven);
    }

    public List<String> failures() {
        return failures;
    }

    public List<DeadLetterViews.Redriven> redriven() {
        return redriven;
    }
}
