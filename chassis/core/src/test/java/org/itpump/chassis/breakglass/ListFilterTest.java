package org.itpump.chassis.breakglass;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which query parameters scope a list (issue 14): a patient, a worklist status, a bounded range. */
class ListFilterTest {

    private enum Status { OPEN, WAITING, CLOSED }

    private static final OffsetDateTime FROM = OffsetDateTime.parse("2026-11-01T00:00:00Z");
    private static final Duration MONTH = Duration.ofDays(31);

    private static ListFilter filter(Object pathwayId, Status status, OffsetDateTime from, OffsetDateTime to) {
        return ListFilter.create().patient("pathwayId", pathwayId).worklist("status", status, Status.OPEN, Status.WAITING)
                .range("from", from, "to", to, MONTH);
    }

    @Test
    void nothingGivenScopesNothingAndNamesEveryAcceptedFilter() {
        ListFilter none = filter(null, null, null, null);
        assertFalse(none.given());
        assertEquals(List.of("pathwayId", "status=OPEN|WAITING", "from and to at most 31 days apart"), none.accepted());
    }

    @Test
    void aPatientOrAWorklistStatusScopesTheList() {
        assertTrue(filter("pathway-1", null, null, null).given());
        assertTrue(filter(null, Status.WAITING, null, null).given());
        // CLOSED rows stay for ever: no worklist
        assertFalse(filter(null, Status.CLOSED, null, null).given());
    }

    @Test
    void aRangeScopesTheListUpToItsLongestSpan() {
        // 1 Nov + 31 days = 2 Dec 00:00, exactly the longest span; one second later is too long
        assertTrue(filter(null, null, FROM, OffsetDateTime.parse("2026-12-02T00:00:00Z")).given());
        assertFalse(filter(null, null, FROM, OffsetDateTime.parse("2026-12-02T00:00:01Z")).given());
        assertFalse(filter(null, null, FROM, null).given(), "an open end is no bound");
        assertFalse(filter(null, null, null, FROM).given(), "an open start is no bound");
        // a backwards range is left to the endpoint's own check
        assertTrue(filter(null, null, FROM, FROM.minusDays(1)).given());
    }

    @Test
    void anEndpointsOwnConditionCounts() {
        assertTrue(ListFilter.create().condition("a window of at most 31 days", true).given());
        assertEquals(List.of("a window of at most 31 days"),
                ListFilter.create().condition("a window of at most 31 days", false).accepted());
    }
}
