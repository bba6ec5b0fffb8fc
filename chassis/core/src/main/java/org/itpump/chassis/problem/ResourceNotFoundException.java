package org.itpump.chassis.problem;

/** No such trial, case, plan, ... (answered 404). */
public class ResourceNotFoundException extends RuntimeException {
    public ResourceNotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
