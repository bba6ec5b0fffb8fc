package org.itpump.chassis.breakglass;

/** The break-glass record could not be written: the read is not answered (503), its data does not leave. */
public class BreakGlassNotRecordedException extends RuntimeException {

    public BreakGlassNotRecordedException(Throwable cause) {
        super("The break-glass read could not be recorded, so it is not answered; try again", cause);
    }
}
