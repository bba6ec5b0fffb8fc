package org.itpump.console.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.itpump.chassis.audit.AuditRecorder;
import org.itpump.chassis.problem.InvalidParameterException;
import org.itpump.chassis.security.CallerView;
import org.itpump.chassis.security.Roles;
import org.itpump.console.api.ConsoleViews.Board;
import org.itpump.console.api.ConsoleViews.BoardBar;
import org.itpump.console.api.ConsoleViews.CaseRow;
import org.itpump.console.api.ConsoleViews.DeadLetterRow;
import org.itpump.console.api.ConsoleViews.EscalationRow;
import org.itpump.console.api.ConsoleViews.LaneBand;
import org.itpump.console.api.ConsoleViews.RefillRow;
import org.itpump.console.api.ConsoleViews.Tick;
import org.itpump.console.api.ConsoleViews.Timeline;
import org.itpump.console.api.ConsoleViews.TimelineRow;
import org.itpump.console.api.ConsoleViews.Viewer;
import org.itpump.console.api.ConsoleViews.VisitRow;
import org.itpump.console.api.ConsoleViews.Worklists;
import org.itpump.console.domain.CaseOnBoard;
import org.itpump.console.domain.Lane;
import org.itpump.console.domain.TimeScale;
import org.itpump.console.domain.TimelineEntry;
import org.itpump.console.service.OpsBoard;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The console's pages: theatre board, worklists and one pathway's timeline, server-rendered with Qute from the read
 * model, each cut to the caller's view; and the stream of changes that keeps an open page live (server-sent events).
 * Every page is audited by the chassis' AuditTrail with the patient references it showed ({@link Page}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.SCHEDULER, Roles.OPS})
public class ConsolePages {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final double CHART_LEFT = 170;
    static final double CHART_WIDTH = 760;
    static final double BAND = 48;
    static final double TOP = 36;

    private final OpsBoard board;
    private final AuditRecorder audit;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final ZoneId zone;
    private final Template boardPage;
    private final Template worklistsPage;
    private final Template timelinePage;

    ConsolePages(OpsBoard board, AuditRecorder audit, SecurityIdentity identity, Clock clock,
                 @ConfigProperty(name = "itpump.console.hospital-zone") ZoneId zone,
                 @Location("board.html") Template boardPage, @Location("worklists.html") Template worklistsPage,
                 @Location("timeline.html") Template timelinePage) {
        this.board = board;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
        this.zone = zone;
        this.boardPage = boardPage;
        this.worklistsPage = worklistsPage;
        this.timelinePage = timelinePage;
    }

    @GET
    @Operation(summary = "Theatre board (HTML): bookings per room for a day (?day=2030-01-15) or a week (?span=week)")
    public Uni<Page> board(@QueryParam("day") String day, @QueryParam("span") String span) {
        LocalDate first = day == null || day.isBlank() ? LocalDate.now(clock.withZone(zone)) : parseDay(day);
        boolean week = "week".equals(span);
        if (span != null && !span.isBlank() && !week && !"day".equals(span)) {
            throw new InvalidParameterException("span", "must be day or week, not " + span);
        }
        int days = week ? 7 : 1;
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = first.plusDays(days).atStartOfDay(zone).toInstant();
        Viewer viewer = viewer();
        Uni<List<CaseOnBoard>> awaiting = viewer.books() ? board.awaitingScheduling() : Uni.createFrom().item(List.of());
        return Uni.combine().all().unis(board.bookings(from, to), awaiting).asTuple().map(found -> {
            List<CaseOnBoard> cases = found.getItem1();
            List<String> rooms = cases.stream().map(CaseOnBoard::operatingRoom).filter(Objects::nonNull).distinct().sorted().toList();
            TimeScale scale = new TimeScale(from, to, CHART_LEFT, CHART_WIDTH);
            List<LaneBand> bands = new ArrayList<>();
            for (int i = 0; i < rooms.size(); i++) {
                bands.add(new LaneBand(rooms.get(i), TOP + i * BAND));
            }
            List<BoardBar> bars = cases.stream().map(c -> {
                double x = scale.x(c.start());
                return new BoardBar(c.caseId(), c.pathwayId(), viewer.showsPatients() ? c.patientRef() : null, c.status(),
                        c.operatingRoom(), c.surgeon(), time(c.start()), time(c.end()), x,
                        TOP + rooms.indexOf(c.operatingRoom()) * BAND + 6, Math.max(4, Math.round((scale.x(c.end()) - x) * 10) / 10.0),
                        c.operatingRoomId(), c.surgeonId(), Duration.between(c.start(), c.end()).toMinutes(),
                        c.preOpState(), Boolean.TRUE.equals(c.preOpComplete()));
            }).toList();
            List<Tick> ticks = new ArrayList<>();
            Duration step = week ? Duration.ofDays(1) : Duration.ofHours(2);
            for (Instant at = from; !at.isAfter(to); at = at.plus(step)) {
                ticks.add(new Tick(scale.x(at), week ? at.atZone(zone).toLocalDate().toString()
                        : at.atZone(zone).toLocalTime().toString()));
            }
            Board view = new Board(first.toString(), week ? "week" : "day", first.minusDays(days).toString(),
                    first.plusDays(days).toString(), bands, ticks, bars, CHART_LEFT + CHART_WIDTH + 20,
                    TOP + Math.max(1, rooms.size()) * BAND + 10,
                    found.getItem2().stream().map(c -> new CaseRow(c.caseId(), c.pathwayId(),
                            viewer.showsPatients() ? c.patientRef() : null, time(c.openedAt()))).toList(), zone.getId());
            List<Object> shown = new ArrayList<>(bars);
            shown.addAll(view.awaiting());
            return new Page(boardPage.data("viewer", viewer).data("board", view), shown);
        });
    }

    @GET
    @Path("worklists")
    @Operation(summary = "Worklists (HTML): awaiting scheduling, refills, open escalations, visits due, dead letters")
    public Uni<Page> worklists() {
        Viewer viewer = viewer();
        CallerView view = CallerView.of(identity);
        boolean clinical = view == CallerView.CLINICAL;
        boolean ops = view == CallerView.OPERATIONAL;
        Instant now = clock.instant();
        return board.worklists().map(lists -> {
            String patient = null;
            Worklists rows = new Worklists(
                    lists.awaitingScheduling().stream().map(c -> new CaseRow(c.caseId(), c.pathwayId(),
                            viewer.showsPatients() ? c.patientRef() : patient, time(c.openedAt()))).toList(),
                    clinical ? lists.refills().stream().map(r -> new RefillRow(r.therapyId(), r.pathwayId(), r.patientRef(),
                            r.drug(), r.refillDueDate().toString(), r.urgency(), r.withdrawalCritical(), r.overdue())).toList()
                            : List.of(),
                    clinical || ops ? lists.escalations().stream().map(e -> new EscalationRow(e.escalationId(), e.pathwayId(),
                            clinical ? e.patientRef() : patient, e.urgency(), clinical ? e.suspicion() : null,
                            clinical ? e.action() : null, time(e.escalatedAt()), e.ageMinutes(now), e.alertCount())).toList()
                            : List.of(),
                    clinical || ops ? lists.visitsDue().stream().map(v -> new VisitRow(v.planId(), v.pathwayId(),
                            clinical ? v.patientRef() : patient, v.visit(), time(v.dueAt()))).toList() : List.of(),
                    ops ? lists.deadLetters().stream().map(d -> new DeadLetterRow(d.service(), d.topic() + "@" + d.partition()
                            + ":" + d.offset(), d.reason(), d.eventType(), d.pathwayId(), time(d.deadLetteredAt()))).toList()
                            : List.of());
            List<Object> shown = Stream.of(rows.awaitingScheduling(), rows.refills(), rows.escalations(), rows.visitsDue())
                    .flatMap(List::stream).map(Object.class::cast).toList();
            return new Page(worklistsPage.data("viewer", viewer).data("lists", rows)
                    .data("showsRefills", clinical).data("showsEscalations", clinical || ops)
                    .data("showsVisits", clinical || ops).data("showsDeadLetters", ops), shown);
        });
    }

    @GET
    @Path("pathways")
    @Operation(summary = "One pathway's timeline (HTML), found by ?q= pathway id or patient reference")
    public Uni<Page> timeline(@QueryParam("q") String search) {
        Viewer viewer = viewer();
        return board.timeline(search).map(entries -> {
            Timeline view = timeline(search, entries, viewer);
            return new Page(timelinePage.data("viewer", viewer).data("timeline", view),
                    view.patientRef() == null ? List.of() : List.of(view));
        });
    }

    /**
     * Server-sent events: one {@code data:} line per committed change of the read model (the pathway id, or
     * "dead-letters"). Open pages refresh their content when one arrives.
     */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Operation(summary = "Changes of the read model as server-sent events (pathway ids)")
    public Multi<String> live(@Context UriInfo uri) {
        // a streamed answer passes no response filter: its opening is audited here, before anything is streamed
        return audit.recordStreamOpened("GET", uri.getPath(), uri.getRequestUri().getRawQuery())
                .onItem().transformToMulti(opened -> board.changes());
    }

    private Timeline timeline(String search, List<TimelineEntry> entries, Viewer viewer) {
        List<LaneBand> lanes = Arrays.stream(Lane.values())
                .map(lane -> new LaneBand(lane.service(), TOP + lane.ordinal() * BAND)).toList();
        double width = CHART_LEFT + CHART_WIDTH + 20;
        double height = TOP + Lane.values().length * BAND;
        if (entries.isEmpty()) {
            return new Timeline(search, null, null, lanes, List.of(), List.of(), width, height);
        }
        Instant from = entries.get(0).at();
        Instant to = entries.get(entries.size() - 1).at();
        TimeScale scale = new TimeScale(from, to, CHART_LEFT, CHART_WIDTH);
        List<TimelineRow> rows = new ArrayList<>();
        for (TimelineEntry entry : entries) {
            rows.add(new TimelineRow(rows.size() + 1, time(entry.at()), entry.lane().service(), scale.x(entry.at()),
                    TOP + entry.lane().ordinal() * BAND + BAND / 2, entry.type(), entry.summary(),
                    viewer.clinical() ? entry.clinicalDetail() : null, entry.actor()));
        }
        List<Tick> ticks = new ArrayList<>();
        TimeScale tickScale = new TimeScale(from, to, 0, 4);
        Duration span = Duration.between(from, tickScale.to());
        for (int i = 0; i <= 4; i++) {
            Instant at = from.plus(span.multipliedBy(i).dividedBy(4));
            ticks.add(new Tick(scale.x(at), time(at)));
        }
        TimelineEntry first = entries.get(0);
        return new Timeline(search, first.pathwayId(), viewer.showsPatients() ? first.patientRef() : null, lanes,
                ticks, rows, width, height);
    }

    private Viewer viewer() {
        CallerView view = CallerView.of(identity);
        return new Viewer(identity.getPrincipal().getName(), view.name().toLowerCase(), view == CallerView.CLINICAL,
                view != CallerView.OPERATIONAL,
                identity.hasRole(Roles.CLINICIAN) || identity.hasRole(Roles.NURSE),
                identity.hasRole(Roles.SCHEDULER));
    }

    private String time(Instant at) {
        return at == null ? "" : MINUTE.format(at.atZone(zone));
    }

    private static LocalDate parseDay(String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("day", "must be a date such as 2030-01-15, not " + day);
        }
    }
}
