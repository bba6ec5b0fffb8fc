package org.itpump.console.api;

import java.util.List;
import java.util.UUID;

/**
 * What each page shows, already cut to the caller's view (README role table, chassis CallerView): a scheduler's rows
 * carry no clinical detail, drug or dose; an ops user's carry no patientRef either. Templates only lay them out.
 */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** Who is signed in and what the page may offer them. */
    public record Viewer(String name, String view, boolean clinical, boolean showsPatients, boolean acknowledges,
                         boolean books) {
    }

    public record Tick(double x, String label) {
    }

    public record LaneBand(String name, double y) {
        public double labelY() {
            return y + 28;
        }
    }

    /** One event on the timeline: its dot (x, y) and its table row. {@code detail} is null outside clinical roles. */
    public record TimelineRow(int number, String at, String lane, double x, double y, String type, String summary,
                              String detail, String actor) {
        public double numberY() {
            return y + 4;
        }
    }

    public record Timeline(String search, UUID pathwayId, String patientRef, List<LaneBand> lanes, List<Tick> ticks,
                           List<TimelineRow> rows, double width, double height) {
    }

    /**
     * One booking as a bar: room band y, start x, width. {@code operatingRoomId}, {@code surgeonId} and
     * {@code durationMinutes} fill the reschedule form (implant-service's ids; surgeonId null for an old projection).
     */
    public record BoardBar(UUID caseId, UUID pathwayId, String patientRef, String status, String room, String surgeon,
                           String start, String end, double x, double y, double width, String operatingRoomId,
                           String surgeonId, long durationMinutes, String preOp, boolean preOpComplete) {
        /** Only a SCHEDULED case can be rescheduled (implant-service's rule). */
        public boolean reschedulable() {
            return "SCHEDULED".equals(status);
        }

        public double labelX() {
            return x + 4;
        }

        public double labelY() {
            return y + 21;
        }

        /** The bar's words: the patient, or the case for a view without patient references. */
        public String label() {
            return (patientRef != null ? patientRef : "case " + caseId.toString().substring(0, 8)) + " · " + status;
        }

        public String pathwayShort() {
            return pathwayId.toString().substring(0, 8);
        }
    }

    /** {@code awaiting}: the cases a scheduler may book from the board (empty for a viewer who books nothing). */
    public record Board(String day, String span, String previous, String next, List<LaneBand> rooms, List<Tick> ticks,
                        List<BoardBar> bars, double width, double height, List<CaseRow> awaiting, String zone) {
    }

    public record CaseRow(UUID caseId, UUID pathwayId, String patientRef, String openedAt) {
        public String pathwayShort() {
            return pathwayId.toString().substring(0, 8);
        }
    }

    /** {@code drug} is null outside clinical roles. */
    public record RefillRow(UUID therapyId, UUID pathwayId, String patientRef, String drug, String refillDueDate,
                            String urgency, boolean withdrawalCritical, boolean overdue) {
    }

    /** {@code suspicion} and {@code action} are null outside clinical roles. */
    public record EscalationRow(UUID escalationId, UUID pathwayId, String patientRef, String urgency, String suspicion,
                                String action, String escalatedAt, long ageMinutes, int alertCount) {
    }

    public record VisitRow(UUID planId, UUID pathwayId, String patientRef, String visit, String dueAt) {
    }

    public record DeadLetterRow(String service, String where, String reason, String eventType, String pathwayId,
                                String at) {
    }

    public record Worklists(List<CaseRow> awaitingScheduling, List<RefillRow> refills, List<EscalationRow> escalations,
                            List<VisitRow> visitsDue, List<DeadLetterRow> deadLetters) {
    }
}
