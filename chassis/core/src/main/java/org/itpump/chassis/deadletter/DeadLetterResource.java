package org.itpump.chassis.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.chassis.deadletter.DeadLetterViews.Page;
import org.itpump.chassis.deadletter.DeadLetterViews.RedriveAnswer;
import org.itpump.chassis.deadletter.DeadLetterViews.RedriveRequest;
import org.itpump.chassis.problem.Problem;
import org.itpump.chassis.security.Roles;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Optional;

/**
 * Operations' view of the service's dead-letter topic and the redrive after a fix. Only the {@code ops} role.
 * The list shows metadata only (where, why, which event), never a payload. Every call is audited by the
 * chassis' audit trail; every redrive is also a row of dead_letter_redrive.
 */
@Path("/dead-letters")
@Tag(name = "Dead letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
@IfBuildProperty(name = "itpump.dead-letters.enabled", stringValue = "true", enableIfMissing = true)
public class DeadLetterResource {

    private final DeadLetterRedrive redrive;

    DeadLetterResource(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    @GET
    @Blocking
    @Operation(summary = "The service's dead letters, oldest first, partition by partition",
            description = "Metadata only: dead-letter partition and offset, the original topic, partition and offset, the "
                    + "reason, ce_id, ce_type, ce_subject, when it was dead-lettered and its redrives. Pages of at most 200; "
                    + "'next' names, per partition holding more, the partition and fromOffset of its next page. No "
                    + "filter is required: an ops worklist of metadata without payload or patient reference, bounded "
                    + "by the topic's retention (14 days).")
    public Page list(@QueryParam("partition") @Min(0) Integer partition,
                     @QueryParam("fromOffset") @DefaultValue("0") @Min(0) long fromOffset,
                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return redrive.list(Optional.ofNullable(partition), fromOffset, limit);
    }

    @POST
    @Path("/redrive")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish chosen dead letters again into the topic they came from, after a fix",
            description = "Same key, value and headers (without dead-letter-*), plus itpump-redrive-of. The reason is "
                    + "required (400). 404 names a record not in the topic; 422 one that does not say where it came from; "
                    + "409 one already redriven, unless force is true; 503 when the broker does not acknowledge.")
    public RedriveAnswer redrive(@NotNull @Valid RedriveRequest request, @Context SecurityContext caller) {
        return redrive.redrive(request, caller.getUserPrincipal().getName());
    }

    @ServerExceptionMapper
    public Response unknown(UnknownDeadLettersException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Not found", 404, e.getMessage(), Problem.instance(uri.getPath()),
                e.records()));
    }

    @ServerExceptionMapper
    public Response notAcknowledged(RedriveFailedException e, UriInfo uri) {
        String redriven = e.redriven().isEmpty() ? "none"
                : String.join(", ", e.redriven().stream().map(done -> done.partition() + ":" + done.offset()).toList());
        return answer(Problem.of("redrive-not-acknowledged", "Kafka did not acknowledge", 503,
                e.getMessage() + "; redriven and recorded: " + redriven, Problem.instance(uri.getPath()), e.failures()));
    }

    private static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
