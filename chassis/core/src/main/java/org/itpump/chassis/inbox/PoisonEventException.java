package org.itpump.chassis.inbox;

/**
 * An event that can never be processed as it is (unparseable, failing its schema, of an unknown type, or
 * refused by a clinical rule). Its message becomes the {@code dead-letter-reason} header; no retry helps.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
