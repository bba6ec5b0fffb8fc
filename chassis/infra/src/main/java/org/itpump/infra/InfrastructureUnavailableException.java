package org.itpump.infra;

/** A configured server cannot be reached; the message says which and what to do, in one line. */
public class InfrastructureUnavailableException extends RuntimeException {
    public InfrastructureUnavailableException(String message) {
        super(message);
    }
}
