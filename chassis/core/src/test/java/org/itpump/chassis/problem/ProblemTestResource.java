package org.itpump.chassis.problem;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.hibernate.StaleObjectStateException;

import java.math.BigDecimal;
import java.util.List;

/** The chassis test application's endpoints that fail on purpose, one per kind of failure (ProblemMappingTest). */
@Path("/chassis-test/problems")
@PermitAll
public class ProblemTestResource {

    /** A request body with constraints, as a service's api/ record has. */
    public record DoseChange(@NotNull @Positive BigDecimal dailyDoseMg) {
    }

    @GET
    @Path("{kind}")
    public String fail(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "rule" -> new RuleViolationException("daily dose above the label's maximum",
                    List.of("dailyDoseMg: 1.2 > 0.8"));
            case "state" -> new StateConflictException("the trial has already passed");
            case "not-found" -> new ResourceNotFoundException("Trial", "7b6c1e2a-0000-4000-8000-000000000001");
            case "parameter" -> new InvalidParameterException("status", "is not one of IN_PROGRESS, PASSED");
            case "concurrent" -> new StaleObjectStateException("TrialEntity", 1);
            case "unauthenticated" -> new UnauthorizedException();
            case "forbidden" -> new ForbiddenException();
            default -> new IllegalStateException("secret internal detail");
        };
    }

    @POST
    @Path("dose")
    public String dose(@Valid DoseChange change) {
        return change.dailyDoseMg().toPlainString();
    }
}
