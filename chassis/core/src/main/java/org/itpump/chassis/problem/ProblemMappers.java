package org.itpump.chassis.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Every error answer of every service, as application/problem+json (RFC 9457). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response ruleViolation(RuleViolationException e, UriInfo uri) {
        return answer(Problem.of("clinical-rule", "Clinical rule violated", 422, e.getMessage(), instanceOf(uri), e.details()));
    }

    @ServerExceptionMapper
    public Response stateConflict(StateConflictException e, UriInfo uri) {
        return answer(Problem.of("state-conflict", "Not allowed in the current state", 409, e.getMessage(), instanceOf(uri), e.details()));
    }

    @ServerExceptionMapper
    public Response notFound(ResourceNotFoundException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Not found", 404, e.getMessage(), instanceOf(uri), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of("unauthenticated", "Authentication required", 401,
                        "A valid bearer token is required", instanceOf(uri), List.of())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(Problem.of("forbidden", "Forbidden", 403,
                "Your role does not allow this operation", instanceOf(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response invalid(ResteasyReactiveViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::onReturnValue)) {
            return unexpected(e, uri); // our answer broke its own constraints: a bug, not the client's fault
        }
        List<String> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe).sorted().collect(Collectors.toList());
        return answer(Problem.of("invalid-request", "Invalid request", 400,
                "The request has " + errors.size() + " invalid field(s)", instanceOf(uri), errors));
    }

    // Named one by one: Quarkus REST has built-in mappers for the specific Jackson exceptions.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class})
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at '" + mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        return answer(Problem.of("unreadable-body", "Unreadable request body", 400,
                "The JSON body cannot be read" + where + ": " + e.getOriginalMessage(), instanceOf(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        if (e.getCause() != null && ConcurrentChange.in(e.getCause()).isPresent()) {
            return unexpected(e.getCause(), uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return answer(Problem.of("http-" + status.getStatusCode(), status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage(), instanceOf(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return answer(Problem.of("invalid-parameter", "Invalid query parameter", 400, e.getMessage(), instanceOf(uri),
                List.of(e.parameter() + ": " + e.getMessage())));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<String> conflict = ConcurrentChange.in(e);
        if (conflict.isPresent()) {
            LOG.debugf(e, "Concurrent change answered 409");
            return answer(Problem.of("concurrent-change", "Changed concurrently", 409, conflict.get(), instanceOf(uri),
                    List.of()));
        }
        // The log keeps the cause; the answer keeps nothing internal, only an id to find it by.
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return answer(Problem.of("internal-error", "Internal error", 500,
                "Unexpected failure; quote incident " + incident + " to the operations team", instanceOf(uri), List.of()));
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // drop "method.argN." so the client sees the field it sent
        String field = path.replaceFirst("^[^.]+\\.[^.]+\\.?", "");
        return (field.isEmpty() ? "body" : field) + ": " + violation.getMessage();
    }

    private static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static URI instanceOf(UriInfo uri) {
        return uri == null ? null : Problem.instance(uri.getPath());
    }
}
