package org.itpump.chassis.breakglass;

import java.util.List;

/** A list called without any of the filters that scope it and without a break-glass reason: 400 naming the filters. */
public class FilterRequiredException extends RuntimeException {

    private final List<String> accepted;

    public FilterRequiredException(List<String> accepted) {
        super("This list needs one of its filters: " + String.join("; ", accepted) + ". To read it unfiltered in an "
                + "emergency, send the header " + BreakGlass.HEADER + " with the reason; the read is recorded and "
                + "reviewed.");
        this.accepted = List.copyOf(accepted);
    }

    public List<String> accepted() {
        return accepted;
    }
}
