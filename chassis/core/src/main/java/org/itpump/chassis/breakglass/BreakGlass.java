package org.itpump.chassis.breakglass;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import org.itpump.chassis.store.Page;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Mandatory list filters and the break-glass read (HIPAA 45 CFR 164.312(a)(2)(ii), emergency access procedure).
 * A list endpoint passes its {@link ListFilter} and the caller's {@link BreakGlassReason}:
 * <ul>
 * <li>a filter given: the ordinary read;</li>
 * <li>no filter and no reason: 400 problem+json ({@code filter-required}) naming the accepted filters; nothing is
 * read;</li>
 * <li>no filter and a reason: the read runs in a transaction that also inserts its {@code break_glass_access} row
 * (who, roles, when, method, path and query, reason, rows returned), so the answer exists only when the row
 * commits (else 503 {@code break-glass-not-recorded}); a WARN line tagged {@code BREAK-GLASS} and the counter
 * {@code itpump_break_glass_reads_total} are for the alert.</li>
 * </ul>
 * Break-glass widens the rows, never the roles: it is open only to the roles the endpoint allows anyway (its
 * {@code @RolesAllowed} answers 401/403 before this runs), and each role still gets its own view of each row.
 */
@ApplicationScoped
public class BreakGlass {

    public static final String HEADER = "X-Break-Glass-Reason";
    public static final int MAX_REASON_LENGTH = 500;
    private static final Logger LOG = Logger.getLogger(BreakGlass.class);
    private static final String INSERT = "insert into break_glass_access (id, accessed_at, actor, roles, method, path, "
            + "reason, rows_returned) values (:id, :accessedAt, :actor, :roles, :method, :path, :reason, :rows)";

    private final SecurityIdentity identity;
    private final RoutingContext request;
    private final Clock clock;
    private final MeterRegistry meters;

    BreakGlass(SecurityIdentity identity, RoutingContext request, Clock clock, MeterRegistry meters) {
        this.identity = identity;
        this.request = request;
        this.clock = clock;
        this.meters = meters;
    }

    /** {@link #read} of one page; its rows are the page's items. */
    public <T> Uni<Page<T>> page(ListFilter filter, BreakGlassReason reason, Supplier<Uni<Page<T>>> lookup) {
        return read(filter, reason, lookup, page -> page.items().size());
    }

    /**
     * The lookup when {@code filter} is given; else 400, or with a reason the recorded break-glass read.
     *
     * @param lookup the read, not yet subscribed (a {@code @WithSession} service method joins the transaction)
     * @param rows   how many rows (patient records) the answer holds
     * @throws FilterRequiredException no filter and no reason, or a blank one (400)
     * @throws BadRequestException     a reason over {@value #MAX_REASON_LENGTH} characters (400)
     */
    public <T> Uni<T> read(ListFilter filter, BreakGlassReason reason, Supplier<Uni<T>> lookup, ToIntFunction<T> rows) {
        if (filter.given()) {
            return lookup.get();
        }
        String why = reason == null || reason.value() == null ? null : reason.value().strip();
        if (why == null || why.isEmpty()) {  // a blank reason is no reason
            throw new FilterRequiredException(filter.accepted());
        }
        if (why.length() > MAX_REASON_LENGTH) {
            throw new BadRequestException("Header " + HEADER + " must give a reason of at most " + MAX_REASON_LENGTH
                    + " characters");
        }
        UUID id = UUID.randomUUID();
        String actor = identity.getPrincipal().getName();
        String roles = String.join(",", identity.getRoles().stream().sorted().toList());
        String method = request.request().method().name();
        String path = request.request().uri();
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int[] count = new int[1];
        return Panache.withTransaction(() -> lookup.get().call(answer -> {
            count[0] = rows.applyAsInt(answer);
            return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                            .setParameter("id", id).setParameter("accessedAt", at).setParameter("actor", actor)
                            .setParameter("roles", roles).setParameter("method", method).setParameter("path", path)
                            .setParameter("reason", why).setParameter("rows", count[0]).executeUpdate())
                    .onFailure().transform(BreakGlassNotRecordedException::new);
        })).invoke(() -> {
                    meters.counter("itpump_break_glass_reads_total").increment();
                    // the reason may be free text about a patient: it stays in the table, out of the logs
                    LOG.warnf("BREAK-GLASS read %s by %s (roles %s): %s %s answered %d rows without a list filter; "
                            + "reason recorded in break_glass_access", id, actor, roles, method, path, count[0]);
                });
    }
}
