package org.itpump.dosing.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the library JSON and lists every problem at once, so a bad file fails the service at start with all
 * its faults. Numbers are read as exact decimals. "note" and "source" fields beside a figure are for people.
 */
final class DrugLibraryReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final List<String> problems = new ArrayList<>();

    private DrugLibraryReader() {
    }

    static DrugLibrary read(InputStream in) throws IOException {
        return new DrugLibraryReader().library(JSON.readTree(in));
    }

    static DrugLibrary read(String json) {
        try {
            return new DrugLibraryReader().library(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("Drug library is not valid JSON: " + e.getMessage(), e);
        }
    }

    private DrugLibrary library(JsonNode root) {
        int version = root.path("version").asInt(0);
        if (!root.path("version").isInt() || version < 1) {
            problems.add("version must be a whole number of at least 1");
        }
        if (!root.path("drugs").isArray() || root.path("drugs").isEmpty()) {
            problems.add("drugs must be a non-empty list");
        }
        List<Drug> drugs = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (JsonNode node : root.path("drugs")) {
            Drug drug = drug(version, node, drugs.size() + 1);
            if (drug != null && !codes.add(drug.code())) {
                problems.add(drug.code() + ": listed twice");
            }
            drugs.add(drug);
        }
        int largestOtherMargin = drugs.stream().filter(d -> d != null && !d.withdrawalCritical())
                .mapToInt(Drug::refillSafetyMarginDays).max().orElse(-1);
        drugs.stream().filter(d -> d != null && d.withdrawalCritical() && d.refillSafetyMarginDays() <= largestOtherMargin)
                .forEach(d -> problems.add(d.code() + ": refillSafetyMarginDays of a withdrawal-critical drug must be larger"
                        + " than every other drug's (" + largestOtherMargin + "), was " + d.refillSafetyMarginDays()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Drug library v" + version + " is invalid: " + String.join("; ", problems));
        }
        return new DrugLibrary(version, drugs);
    }

    /** The drug, or null with its problems recorded. */
    private Drug drug(int version, JsonNode node, int position) {
        String code = node.path("code").asText("");
        String at = code.isBlank() ? "drug #" + position : code;
        int before = problems.size();
        if (code.isBlank()) {
            problems.add(at + ": code is missing");
        }
        String name = text(at, node, "name");
        String source = text(at, node, "source");
        DoseUnit unit = unit(at, node.path("unit"));
        BigDecimal maxConcentration = positive(at, node, "maxConcentrationPerMl");
        Optional<BigDecimal> maxDaily = maxDailyDose(at, node.path("maxDailyDose"));
        BigDecimal startMin = positive(at, node.path("startingDailyDose"), "min");
        BigDecimal startMax = positive(at, node.path("startingDailyDose"), "max");
        if (startMin != null && startMax != null && startMin.compareTo(startMax) > 0) {
            problems.add(at + ": startingDailyDose.min is above its max");
        }
        if (startMax != null && maxDaily != null && maxDaily.filter(max -> startMax.compareTo(max) > 0).isPresent()) {
            problems.add(at + ": startingDailyDose.max is above maxDailyDose");
        }
        if (!node.path("withdrawalCritical").isBoolean()) {
            problems.add(at + ": withdrawalCritical must be true or false");
        }
        ReservoirStability stability = stability(at, node.path("stability"));
        Optional<TitrationRule> titration = titration(at, node.path("titration"));
        Integer margin = refillSafetyMarginDays(at, node);
        Optional<BigDecimal> maxDecrease = maxDecreasePercent(at, node);
        Optional<Integer> minHours = node.path("minHoursBetweenIncreases").isMissingNode()
                || node.path("minHoursBetweenIncreases").isNull() ? Optional.empty()
                : Optional.ofNullable(count(at, node, "minHoursBetweenIncreases"));
        Optional<Integer> firstIncreaseAfter = node.path("firstIncreaseAfterHours").isMissingNode()
                ? Optional.empty() : Optional.ofNullable(count(at, node, "firstIncreaseAfterHours"));
        Optional<BigDecimal> maxBolus = node.path("maxBolusDose").isMissingNode() || "none".equals(node.path("maxBolusDose").asText(null))
                ? Optional.empty() : Optional.ofNullable(positive(at, node, "maxBolusDose"));
        Optional<BigDecimal> firstFillConcentration = node.path("firstFillConcentrationPerMl").isMissingNode()
                ? Optional.empty() : Optional.ofNullable(positive(at, node, "firstFillConcentrationPerMl"));
        if (problems.size() > before) {
            return null;
        }
        return new Drug(version, code, name, unit, maxConcentration, maxDaily, startMin, startMax, stability, titration,
                node.path("withdrawalCritical").asBoolean(), margin, maxDecrease, minHours, firstIncreaseAfter, maxBolus,
                firstFillConcentration, source);
    }

    /**
     * Whole days, 0 or more. A document written before the field existed (library v1 as first stored) gets the
     * figures the v1 seed now states: 2 days for a withdrawal-critical drug, 1 day for any other.
     */
    private Integer refillSafetyMarginDays(String at, JsonNode drug) {
        JsonNode node = drug.path("refillSafetyMarginDays");
        if (node.isMissingNode()) {
            return drug.path("withdrawalCritical").asBoolean() ? 2 : 1;
        }
        if (!node.isInt() || node.asInt() < 0) {
            problems.add(at + ": refillSafetyMarginDays must be a whole number of days, 0 or more, was " + node);
            return null;
        }
        return node.asInt();
    }

    /**
     * Above 0 and below 100, for a withdrawal-critical drug only. A withdrawal-critical drug of a document written
     * before the field existed gets the v1 seed's 20 %.
     */
    private Optional<BigDecimal> maxDecreasePercent(String at, JsonNode drug) {
        JsonNode node = drug.path("maxDecreasePercentWithoutReason");
        boolean critical = drug.path("withdrawalCritical").asBoolean();
        if (node.isMissingNode() || node.isNull()) {
            return critical ? Optional.of(BigDecimal.valueOf(20)) : Optional.empty();
        }
        if (!critical) {
            problems.add(at + ": maxDecreasePercentWithoutReason is only for a withdrawal-critical drug");
            return Optional.empty();
        }
        if (!node.isNumber() || node.decimalValue().signum() <= 0 || node.decimalValue().compareTo(BigDecimal.valueOf(100)) >= 0) {
            problems.add(at + ": maxDecreasePercentWithoutReason must be a number above 0 and below 100, was " + node);
            return Optional.empty();
        }
        return Optional.of(node.decimalValue());
    }

    private String text(String at, JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (!node.path(field).isTextual() || value.isBlank()) {
            problems.add(at + ": " + field + " is missing");
        }
        return value;
    }

    private DoseUnit unit(String at, JsonNode node) {
        try {
            return DoseUnit.ofSymbol(node.asText(""));
        } catch (IllegalArgumentException e) {
            problems.add(at + ": unit must be mg or mcg, was " + node);
            return null;
        }
    }

    private BigDecimal positive(String at, JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (!node.isNumber() || node.decimalValue().signum() <= 0) {
            problems.add(at + ": " + field + " must be a number above 0, was " + node);
            return null;
        }
        return node.decimalValue();
    }

    /** A number, or the word "none" where the source gives no upper limit: never left out. */
    private Optional<BigDecimal> maxDailyDose(String at, JsonNode node) {
        if (node.isTextual() && "none".equals(node.asText())) {
            return Optional.empty();
        }
        if (!node.isNumber() || node.decimalValue().signum() <= 0) {
            problems.add(at + ": maxDailyDose must be a number above 0 or \"none\", was " + node);
            return null;
        }
        return Optional.of(node.decimalValue());
    }

    private ReservoirStability stability(String at, JsonNode node) {
        if (!node.isObject()) {
            problems.add(at + ": stability is missing (give refillDays: null where no figure is cited)");
            return null;
        }
        return new ReservoirStability(optionalCount(at, node, "refillDays"), optionalCount(at, node, "firstFillDays"),
                optionalCount(at, node, "dilutedRefillDays"));
    }

    private Integer optionalCount(String at, JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        return node.isMissingNode() || node.isNull() ? null : count(at, parent, field);
    }

    /** A whole number of at least 1 (days, hours, increases). */
    private Integer count(String at, JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (!node.isInt() || node.asInt() < 1) {
            problems.add(at + ": " + field + " must be a whole number of at least 1, was " + node);
            return null;
        }
        return node.asInt();
    }

    private Optional<TitrationRule> titration(String at, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.has("byIndication")) {
            return byIndication(at, node);
        }
        if (node.has("maxStepIncrease") == node.has("maxIncreasePercent")) {
            problems.add(at + ": titration needs either maxStepIncrease or maxIncreasePercent (or byIndication)");
            return Optional.empty();
        }
        if (node.has("maxStepIncrease")) {
            BigDecimal step = positive(at, node, "maxStepIncrease");
            Integer increases = count(at, node, "maxIncreases");
            Integer windowDays = count(at, node, "windowDays");
            return step == null || increases == null || windowDays == null ? Optional.empty()
                    : Optional.of(new StepTitrationRule(step, increases, Duration.ofDays(windowDays)));
        }
        return percentRule(at, node).map(rule -> rule);
    }

    private Optional<PercentTitrationRule> percentRule(String at, JsonNode node) {
        BigDecimal percent = positive(at, node, "maxIncreasePercent");
        Integer windowHours = count(at, node, "windowHours");
        if (percent != null && percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(at + ": maxIncreasePercent must be at most 100, was " + percent.toPlainString());
            return Optional.empty();
        }
        return percent == null || windowHours == null ? Optional.empty()
                : Optional.of(new PercentTitrationRule(percent, Duration.ofHours(windowHours)));
    }

    /**
     * "byIndication": {"SPASTICITY_OF_SPINAL_ORIGIN": {"maxIncreasePercent": 30, "windowHours": 24}, ...}: a percent
     * rule per indication (names of {@link Indication}); a program of the drug must then carry one of them.
     */
    private Optional<TitrationRule> byIndication(String at, JsonNode node) {
        JsonNode rules = node.path("byIndication");
        if (node.has("maxStepIncrease") || node.has("maxIncreasePercent")) {
            problems.add(at + ": titration byIndication takes no maxStepIncrease or maxIncreasePercent of its own");
            return Optional.empty();
        }
        if (!rules.isObject() || rules.isEmpty()) {
            problems.add(at + ": titration.byIndication must name at least one indication");
            return Optional.empty();
        }
        java.util.Map<Indication, PercentTitrationRule> byIndication = new java.util.EnumMap<>(Indication.class);
        int before = problems.size();
        rules.fields().forEachRemaining(entry -> {
            Indication indication;
            try {
                indication = Indication.valueOf(entry.getKey());
            } catch (IllegalArgumentException unknown) {
                problems.add(at + ": titration.byIndication names an unknown indication '" + entry.getKey() + "' (known: "
                        + java.util.Arrays.toString(Indication.values()) + ")");
                return;
            }
            percentRule(at + " " + indication, entry.getValue()).ifPresent(rule -> byIndication.put(indication, rule));
        });
        return problems.size() > before ? Optional.empty() : Optional.of(new IndicationTitrationRule(byIndication));
    }
}
