package org.itpump.chassis.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter that cannot be read as its declared type (an unknown status, a date that is no date, a limit
 * out of range, a cursor that was not ours): 400 problem+json naming the parameter. It is a
 * {@link jakarta.ws.rs.WebApplicationException} so that RESTEasy's parameter handling passes it on unchanged
 * (anything else thrown while converting a query parameter becomes a bare 404 there).
 */
public class InvalidParameterException extends BadRequestException {

    private final String parameter;

    public InvalidParameterException(String parameter, String reason) {
        super("Query parameter '" + parameter + "' " + reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
