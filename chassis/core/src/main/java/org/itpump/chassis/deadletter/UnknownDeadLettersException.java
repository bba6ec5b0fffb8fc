package org.itpump.chassis.deadletter;

import java.util.List;

/** Chosen dead letters that are not in the dead-letter topic (never written, or past its retention): 404. */
public class UnknownDeadLettersException extends RuntimeException {

    private final List<String> records;

    public UnknownDeadLettersException(List<String> records) {
        super("No dead letter at " + String.join(", ", records) + " (never written, or no longer kept by the topic)");
        this.records = List.copyOf(records);
    }

    /** Each missing record as {@code <dlq>@<partition>:<offset>}. */
    public List<String> records() {
        return records;
    }
}
