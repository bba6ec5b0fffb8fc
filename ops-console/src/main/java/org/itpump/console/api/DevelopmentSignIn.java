package org.itpump.console.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.itpump.chassis.problem.InvalidParameterException;
import org.itpump.chassis.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Development sign-in: pick a role and get a session (an HttpOnly cookie holding a token signed with this run's
 * key: Quarkus' test key pair in tests and dev mode, deploy/local's generated key in a local run). Enabled only by
 * {@code itpump.console.dev-sign-in}, which the prod profile never sets: production signs people in through the
 * hospital's OIDC provider. When disabled, every path here answers 404.
 */
@Path("/sign-in")
@PermitAll
public class DevelopmentSignIn {

    /** The cookie the page's session lives in (mp.jwt.token.cookie). */
    public static final String COOKIE = "itpump_console_token";
    static final List<String> ROLES = List.of(Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.SCHEDULER, Roles.OPS);

    private final boolean enabled;
    private final String issuer;
    private final Set<String> audience;
    private final Template signInPage;

    DevelopmentSignIn(@ConfigProperty(name = "itpump.console.dev-sign-in") boolean enabled,
                      @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                      @ConfigProperty(name = "itpump.console.token-audience") List<String> audience,
                      @Location("sign-in.html") Template signInPage) {
        this.enabled = enabled;
        this.issuer = issuer;
        this.audience = Set.copyOf(audience);
        this.signInPage = signInPage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Development sign-in page (not in production)")
    public TemplateInstance page() {
        requireEnabled();
        return signInPage.data("roles", ROLES);
    }

    @POST
    @Operation(summary = "Signs in as a development user with one role (not in production)")
    public Response signIn(@FormParam("role") String role) {
        requireEnabled();
        if (role == null || !ROLES.contains(role)) {
            throw new InvalidParameterException("role", "must be one of " + ROLES);
        }
        // The audience names the services whose APIs the console's actions call with this same token.
        String token = Jwt.issuer(issuer).audience(audience).upn("dev-" + role).groups(Set.of(role)).sign();
        return Response.seeOther(URI.create("/"))
                .cookie(new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true)
                        .sameSite(NewCookie.SameSite.STRICT).build())
                .build();
    }

    @POST
    @Path("/out")
    @Operation(summary = "Ends the development session")
    public Response signOut() {
        requireEnabled();
        return Response.seeOther(URI.create("/sign-in"))
                .cookie(new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true).build()).build();
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundException("The development sign-in is not enabled");
        }
    }

}
