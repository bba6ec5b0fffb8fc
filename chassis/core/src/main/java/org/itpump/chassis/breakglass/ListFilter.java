package org.itpump.chassis.breakglass;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filters that scope a list of patient records to what one person's work needs (least privilege, HIPAA
 * 45 CFR 164.502(b) "minimum necessary"): one patient (a pathway id), one worklist (a status whose rows leave it as
 * the work is done) or a bounded date range. A list is scoped when at least one of them is given; otherwise
 * {@link BreakGlass} answers 400 naming {@link #accepted()} unless the caller gives a break-glass reason.
 * Built by the resource from its already converted query parameters, so an unreadable parameter is still its own 400.
 */
public final class ListFilter {

    private final List<String> accepted = new ArrayList<>();
    private boolean given;

    private ListFilter() {
    }

    public static ListFilter create() {
        return new ListFilter();
    }

    /** A parameter naming one patient's pathway (or another id of one patient's records): given when not null. */
    public ListFilter patient(String parameter, Object valueOrNull) {
        accepted.add(parameter);
        given |= valueOrNull != null;
        return this;
    }

    /**
     * A status that is a worklist: given when {@code valueOrNull} is one of {@code worklists} (e.g. implant cases
     * AWAITING_SCHEDULING), not when it names a status rows stay in for ever (CLOSED).
     */
    public ListFilter worklist(String parameter, Object valueOrNull, Object... worklists) {
        Set<Object> values = Set.of(worklists);
        accepted.add(parameter + "=" + Arrays.stream(worklists).map(String::valueOf).collect(Collectors.joining("|")));
        given |= valueOrNull != null && values.contains(valueOrNull);
        return this;
    }

    /**
     * A range [from, to) on a date or instant: given when both ends are given and {@code to} is at most
     * {@code longest} after {@code from}. A range whose {@code to} is not after {@code from} counts as given, so that
     * the endpoint's own check answers it.
     */
    public ListFilter range(String fromParameter, Temporal from, String toParameter, Temporal to, Duration longest) {
        accepted.add(fromParameter + " and " + toParameter + " at most " + describe(longest) + " apart");
        given |= from != null && to != null && Duration.between(from, to).compareTo(longest) <= 0;
        return this;
    }

    /**
     * A condition of the endpoint's own (e.g. a window with defaults), described for the 400 answer.
     *
     * @param description how a caller meets it, e.g. "from and to at most 31 days apart (default: the next 7 days)"
     */
    public ListFilter condition(String description, boolean met) {
        accepted.add(description);
        given |= met;
        return this;
    }

    /** Whether one of the filters is given: the list is scoped and needs no break-glass reason. */
    public boolean given() {
        return given;
    }

    /** How each accepted filter is given, e.g. "pathwayId", "status=AWAITING_SCHEDULING|SCHEDULED". */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    static String describe(Duration longest) {
        long days = longest.toDays();
        return longest.equals(Duration.of(days, ChronoUnit.DAYS)) ? days + " days" : longest.toString();
    }
}
