package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vertebral level (C1-C7, T1-T12, L1-L5, S1-S5) or an interspace ("L2-L3"), ordered from head to tail,
 * so that the catheter tip can be checked to lie at or above its entry.
 */
public record SpinalLevel(String label, int position) implements Comparable<SpinalLevel> {

    private static final Pattern LEVEL = Pattern.compile("([CTLS])([1-9]\\d?)");
    private static final String REGIONS = "CTLS";
    private static final int[] REGION_SIZE = {7, 12, 5, 5};

    /** Parses "T10" or "L2-L3" (an interspace is placed at its upper vertebra, half a step below it). */
    public static SpinalLevel parse(String text) {
        // limit -1 keeps trailing empty parts: "T10-" is two parts, the second empty, and is refused
        String[] parts = text == null ? new String[0] : text.trim().toUpperCase().split("-", -1);
        if (parts.length == 1) {
            return new SpinalLevel(text.trim().toUpperCase(), 2 * vertebra(parts[0], text));
        }
        if (parts.length == 2 && vertebra(parts[1], text) == vertebra(parts[0], text) + 1) {
            return new SpinalLevel(text.trim().toUpperCase(), 2 * vertebra(parts[0], text) + 1);
        }
        throw invalid(text);
    }

    private static int vertebra(String part, String text) {
        Matcher matcher = LEVEL.matcher(part);
        if (!matcher.matches()) {
            throw invalid(text);
        }
        int region = REGIONS.indexOf(matcher.group(1));
        int number = Integer.parseInt(matcher.group(2));
        if (number < 1 || number > REGION_SIZE[region]) {
            throw invalid(text);
        }
        int offset = 0;
        for (int i = 0; i < region; i++) {
            offset += REGION_SIZE[i];
        }
        return offset + number;
    }

    private static RuleViolationException invalid(String text) {
        return new RuleViolationException("'" + text + "' is not a spinal level such as T10 or an interspace such as L2-L3");
    }

    public boolean isAtOrAbove(SpinalLevel other) {
        return position <= other.position;
    }

    @Override
    public int compareTo(SpinalLevel other) {
        return Integer.compare(position, other.position);
    }
}
