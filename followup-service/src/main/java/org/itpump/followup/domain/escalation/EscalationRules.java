package org.itpump.followup.domain.escalation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The escalation engine: rules loaded from JSON (format in escalation/README.md), validated as a whole, then
 * applied to complication reports. Every matching rule escalates; the most urgent come first, ties in file
 * order. Immutable and thread-safe.
 */
public final class EscalationRules {

    public static final String DEFAULT_RESOURCE = "/escalation/escalation-rules.json";
    static final int FORMAT_VERSION = 2;
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern DRUG = Pattern.compile("[a-z][a-z0-9-]*");
    /** A day: an escalation re-alerted less often than daily is not being escalated. */
    static final int MAX_REALERT_MINUTES = 24 * 60;

    // Strict on purpose: a misspelt key ("minSeverty") or a number for an enum would silently weaken a rule.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    private final List<EscalationRule> rules;

    private EscalationRules(List<EscalationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules shipped with the service. */
    public static EscalationRules loadDefault() {
        try (InputStream in = EscalationRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new InvalidEscalationRulesException(DEFAULT_RESOURCE, List.of("not found on the classpath"));
            }
            return load(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param source names the file in error messages */
    public static EscalationRules load(InputStream json, String source) {
        RulesFile file;
        try {
            file = JSON.readValue(json, RulesFile.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEscalationRulesException(source, List.of(describe(e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (file == null) {
            throw new InvalidEscalationRulesException(source, List.of("the file is JSON null"));
        }
        List<String> problems = new ArrayList<>();
        List<EscalationRule> rules = file.validate(problems);
        if (!problems.isEmpty()) {
            throw new InvalidEscalationRulesException(source, problems);
        }
        return new EscalationRules(rules);
    }

    public List<EscalationRule> rules() {
        return rules;
    }

    /** Zero or more escalations, most urgent first, for a report on a plan whose drug and pump are unknown. */
    public List<Escalation> evaluate(ComplicationReport report) {
        return evaluate(report, EscalationContext.UNKNOWN);
    }

    /** Zero or more escalations, most urgent first (after the severity has set each urgency). */
    public List<Escalation> evaluate(ComplicationReport report, EscalationContext context) {
        return rules.stream().filter(rule -> rule.matches(report, context))
                .map(rule -> rule.escalate(report, context))
                .sorted(Comparator.comparing(Escalation::urgency)) // stable: ties keep file order
                .toList();
    }

    // ---- the file as written, before validation ----

    record RulesFile(Integer version, String description, List<RuleJson> rules) {
        List<EscalationRule> validate(List<String> problems) {
            if (!Objects.equals(version, FORMAT_VERSION)) {
                problems.add("version must be " + FORMAT_VERSION + ", was " + version);
            }
            if (rules == null || rules.isEmpty()) {
                problems.add("rules: at least one rule is needed");
                return List.of();
            }
            List<EscalationRule> valid = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < rules.size(); i++) {
                RuleJson rule = rules.get(i);
                String where = "rules[" + i + "]";
                if (rule == null) {
                    problems.add(where + " is null");
                    continue;
                }
                if (rule.id() != null) {
                    where += " (" + rule.id() + ")";
                    if (!ids.add(rule.id())) {
                        problems.add(where + ": duplicate id");
                    }
                }
                EscalationRule checked = rule.validate(where, problems);
                if (checked != null) {
                    valid.add(checked);
                }
            }
            return valid;
        }
    }

    record RuleJson(String id, WhenJson when, ThenJson then, String why, String source) {
        EscalationRule validate(String where, List<String> problems) {
            int before = problems.size();
            if (id == null || !ID.matcher(id).matches()) {
                problems.add(where + ": id must be lower-case words joined by '-', was " + id);
            }
            requireText(why, where + ": why (the clinical reasoning)", problems);
            requireText(source, where + ": source (the literature or labeling the rule rests on)", problems);
            EscalationCondition condition = when == null ? null : when.validate(where + ".when", problems);
            if (when == null) {
                problems.add(where + ": when is missing");
            }
            if (then == null) {
                problems.add(where + ": then is missing");
            } else {
                if (then.urgency() == null) {
                    problems.add(where + ".then: urgency is missing");
                }
                requireText(then.suspicion(), where + ".then: suspicion", problems);
                requireText(then.action(), where + ".then: action", problems);
                if (then.urgencyBySeverity() != null) {
                    if (then.urgencyBySeverity().isEmpty()) {
                        problems.add(where + ".then.urgencyBySeverity is empty: leave it out to keep one urgency");
                    }
                    then.urgencyBySeverity().forEach((severity, urgency) -> {
                        if (severity == null || urgency == null) {
                            problems.add(where + ".then.urgencyBySeverity has a null severity or urgency");
                        } else if (urgency == then.urgency()) {
                            problems.add(where + ".then.urgencyBySeverity." + severity + " repeats the rule's urgency");
                        }
                    });
                }
                if (then.reAlertEveryMinutes() != null
                        && (then.reAlertEveryMinutes() < 1 || then.reAlertEveryMinutes() > MAX_REALERT_MINUTES)) {
                    problems.add(where + ".then.reAlertEveryMinutes must be 1 to " + MAX_REALERT_MINUTES + ", was "
                            + then.reAlertEveryMinutes());
                }
            }
            if (problems.size() > before) {
                return null;
            }
            Duration reAlert = then.reAlertEveryMinutes() != null ? Duration.ofMinutes(then.reAlertEveryMinutes())
                    : then.urgency().defaultReAlertEvery();
            return new EscalationRule(id, condition, then.urgency(),
                    then.urgencyBySeverity() == null ? Map.of() : then.urgencyBySeverity(), then.suspicion(),
                    then.action(), Boolean.TRUE.equals(then.mri()), reAlert, why, source);
        }
    }

    record WhenJson(List<ComplicationKind> kinds, List<ClinicalFeature> allFeatures, List<ClinicalFeature> anyFeatures,
                    List<ClinicalFeature> noneFeatures, Severity minSeverity, List<String> drugs) {
        EscalationCondition validate(String where, List<String> problems) {
            Set<ComplicationKind> kindSet = listed(kinds, where + ".kinds", problems);
            Set<ClinicalFeature> all = listed(allFeatures, where + ".allFeatures", problems);
            Set<ClinicalFeature> any = listed(anyFeatures, where + ".anyFeatures", problems);
            Set<ClinicalFeature> none = listed(noneFeatures, where + ".noneFeatures", problems);
            Set<String> drugSet = listed(drugs, where + ".drugs", problems);
            for (String drug : drugSet) {
                if (!DRUG.matcher(drug).matches()) {
                    problems.add(where + ".drugs: a drug is a lower-case dosing-service code such as baclofen, was " + drug);
                }
            }
            EscalationCondition condition = new EscalationCondition(kindSet, all, any, none, minSeverity, drugSet);
            if (condition.statesNothing()) {
                problems.add(where + ": states no condition, so it would escalate every report");
            }
            for (ClinicalFeature excluded : none) {
                if (all.contains(excluded)) {
                    problems.add(where + ": " + excluded + " is both required and excluded, so the rule never matches");
                }
            }
            if (!any.isEmpty() && none.containsAll(any)) {
                problems.add(where + ": every anyFeatures entry is excluded, so the rule never matches");
            }
            return condition;
        }
    }

    record ThenJson(Urgency urgency, Map<Severity, Urgency> urgencyBySeverity, String suspicion, String action,
                    Boolean mri, Integer reAlertEveryMinutes) {
    }

    /** Absent means "no condition"; an empty or repetitive list is a mistake in the file. */
    private static <T> Set<T> listed(List<T> values, String where, List<String> problems) {
        if (values == null) {
            return Set.of();
        }
        if (values.isEmpty()) {
            problems.add(where + " is empty: leave it out to state no condition");
        }
        if (values.contains(null)) {
            problems.add(where + " contains null");
            return Set.of();
        }
        Set<T> set = Set.copyOf(values);
        if (set.size() != values.size()) {
            problems.add(where + " lists a value twice");
        }
        return set;
    }

    private static String describe(JsonProcessingException e) {
        String at = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at " + mapping.getPathReference() : "";
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return e.getOriginalMessage() + at + line;
    }

    private static void requireText(String text, String what, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(what + " is missing or blank");
        }
    }
}
