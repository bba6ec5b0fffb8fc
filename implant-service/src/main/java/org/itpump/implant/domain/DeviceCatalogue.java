package org.itpump.implant.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.itpump.chassis.problem.RuleViolationException;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The implantable pump models the hospital implants, with the facts dosing and follow-up need: the reservoir
 * volumes each model is made in (mL), the low-reservoir alarm volume (mL; for a programmable alarm its default
 * and range), how the pump moves the drug and what an MRI scan needs. Data, read from JSON
 * (src/main/resources/device-catalogue.json, optionally extended or corrected by a hospital file): a model is
 * added without code. Every entry names its source; figures still to be confirmed are listed in
 * docs/device-catalogue.md.
 *
 * <p>{@link #identify} is the rule of issue 12 section 2: an implant record names a catalogue model, made by
 * its manufacturer, in one of its reservoir volumes; anything else is refused (422) naming what is allowed.
 * Names match case-insensitively (and with runs of spaces collapsed); the catalogue's spelling is what is kept.
 */
public final class DeviceCatalogue {

    /** How the pump moves the drug; it decides what a magnet (MRI) does to it. */
    public enum PumpMechanism {
        /** Motor-driven roller pump (SynchroMed): the magnet stalls the motor. */
        PERISTALTIC,
        /** Gas-pressurised reservoir metered by valves (Prometra): a magnet can open the valves. */
        VALVE_GATED
    }

    /** MRI safety term of ASTM F2503. */
    public enum MriSafety { MR_SAFE, MR_CONDITIONAL, MR_UNSAFE }

    /**
     * The low-reservoir alarm: the volume (mL) at which the pump alarms unless reprogrammed; for a programmable
     * alarm minMl and maxMl give the range (both null when the alarm is fixed).
     */
    public record LowReservoirAlarm(BigDecimal defaultMl, BigDecimal minMl, BigDecimal maxMl) {
        public boolean programmable() {
            return minMl != null;
        }
    }

    /** What an MRI scan needs with this pump: its safety term, a one-line summary, the conditions, the source. */
    public record MriConditions(MriSafety safety, String summary, List<String> conditions, String source) {
        public MriConditions {
            conditions = List.copyOf(conditions);
        }
    }

    /** One catalogue entry; source names the labeling the figures come from. */
    public record PumpModel(String manufacturer, String model, List<BigDecimal> reservoirVolumesMl,
                            LowReservoirAlarm lowReservoirAlarm, PumpMechanism mechanism, MriConditions mri,
                            String source) {
        public PumpModel {
            reservoirVolumesMl = List.copyOf(reservoirVolumesMl);
        }

        /** "Medtronic SynchroMed II". */
        public String label() {
            return manufacturer + " " + model;
        }

        String volumesText() {
            return reservoirVolumesMl.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(" or ")) + " mL";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** The largest reservoir an implanted intrathecal pump has (and the contract's maximum). */
    static final BigDecimal MAX_RESERVOIR_ML = new BigDecimal("40");

    /** By normalised model name, in catalogue order. */
    private final Map<String, PumpModel> models;

    private DeviceCatalogue(Map<String, PumpModel> models) {
        this.models = models;
    }

    /**
     * Reads a catalogue document ({@code {"models":[...]}}), listing every problem at once so a bad file stops
     * the service at start with all its faults (IllegalStateException). origin names the file in the message.
     */
    public static DeviceCatalogue read(InputStream in, String origin) {
        try {
            return read(JSON.readTree(in), origin);
        } catch (IOException e) {
            throw new IllegalStateException("Device catalogue " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** As {@link #read(InputStream, String)}, from a string. */
    public static DeviceCatalogue read(String json, String origin) {
        try {
            return read(JSON.readTree(json), origin);
        } catch (IOException e) {
            throw new IllegalStateException("Device catalogue " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The catalogue bundled with the service (device-catalogue.json on the class path). */
    public static DeviceCatalogue bundled() {
        try (InputStream in = DeviceCatalogue.class.getClassLoader().getResourceAsStream("device-catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("device-catalogue.json is missing from the class path");
            }
            return read(in, "device-catalogue.json");
        } catch (IOException e) {
            throw new IllegalStateException("device-catalogue.json cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * This catalogue with the extension's models: a model of the same name (case-insensitive) is replaced by the
     * extension's entry, a new one is added after the others.
     */
    public DeviceCatalogue extendedBy(DeviceCatalogue extension) {
        Map<String, PumpModel> merged = new LinkedHashMap<>(models);
        merged.putAll(extension.models);
        return new DeviceCatalogue(merged);
    }

    /** Every model, in catalogue order. */
    public List<PumpModel> models() {
        return List.copyOf(models.values());
    }

    /** "Medtronic SynchroMed II (20 or 40 mL), Flowonix Prometra II (20 mL)": for error messages and people. */
    public String knownModels() {
        return models.values().stream().map(m -> m.label() + " (" + m.volumesText() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * The catalogue entry of the implanted device. 422 (RuleViolationException, rule "device-catalogue") for a
     * model not in the catalogue (naming the known ones), a manufacturer that does not make the model, or a
     * reservoir volume the model is not made in (naming the allowed ones).
     */
    public PumpModel identify(String manufacturer, String model, BigDecimal reservoirVolumeMl) {
        PumpModel entry = models.get(normalised(model));
        if (entry == null) {
            throw new RuleViolationException("Pump model '" + model + "' is not in the device catalogue (rule"
                    + " device-catalogue); known models: " + knownModels(),
                    models.values().stream().map(PumpModel::label).toList());
        }
        if (!normalised(manufacturer).equals(normalised(entry.manufacturer()))) {
            throw new RuleViolationException("Pump model " + entry.model() + " is made by " + entry.manufacturer()
                    + ", not '" + manufacturer + "' (rule device-catalogue)");
        }
        if (entry.reservoirVolumesMl().stream().noneMatch(v -> v.compareTo(reservoirVolumeMl) == 0)) {
            throw new RuleViolationException("A " + entry.label() + " reservoir holds " + entry.volumesText()
                    + ", not " + reservoirVolumeMl.toPlainString() + " mL (rule device-catalogue)",
                    entry.reservoirVolumesMl().stream().map(v -> v.toPlainString() + " mL").toList());
        }
        return entry;
    }

    private static String normalised(String name) {
        return Objects.toString(name, "").strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static DeviceCatalogue read(JsonNode root, String origin) {
        List<String> problems = new ArrayList<>();
        if (!root.path("models").isArray() || root.path("models").isEmpty()) {
            problems.add("models must be a non-empty list");
        }
        Map<String, PumpModel> models = new LinkedHashMap<>();
        int position = 0;
        for (JsonNode node : root.path("models")) {
            position++;
            PumpModel entry = model(node, position, problems);
            if (entry != null && models.putIfAbsent(normalised(entry.model()), entry) != null) {
                problems.add(entry.model() + ": listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Device catalogue " + origin + " is invalid: " + String.join("; ", problems));
        }
        return new DeviceCatalogue(models);
    }

    /** The entry, or null with its problems recorded. */
    private static PumpModel model(JsonNode node, int position, List<String> problems) {
        int before = problems.size();
        String model = node.path("model").asText("").strip();
        String at = model.isEmpty() ? "model #" + position : model;
        String manufacturer = text(at, node, "manufacturer", problems);
        if (model.isEmpty()) {
            problems.add(at + ": model is missing");
        }
        String source = text(at, node, "source", problems);
        List<BigDecimal> volumes = new ArrayList<>();
        if (!node.path("reservoirVolumesMl").isArray() || node.path("reservoirVolumesMl").isEmpty()) {
            problems.add(at + ": reservoirVolumesMl must be a non-empty list of mL");
        }
        for (JsonNode volume : node.path("reservoirVolumesMl")) {
            BigDecimal ml = volume.isNumber() ? volume.decimalValue() : null;
            if (ml == null || ml.signum() <= 0 || ml.compareTo(MAX_RESERVOIR_ML) > 0) {
                problems.add(at + ": a reservoir volume must be above 0 and at most " + MAX_RESERVOIR_ML + " mL, was " + volume);
            } else {
                volumes.add(ml);
            }
        }
        LowReservoirAlarm alarm = alarm(at, node.path("lowReservoirAlarm"), volumes, problems);
        PumpMechanism mechanism = constant(at, node, "mechanism", PumpMechanism.class, problems);
        JsonNode mriNode = node.path("mri");
        MriSafety safety = constant(at + " mri", mriNode, "safety", MriSafety.class, problems);
        String summary = text(at + " mri", mriNode, "summary", problems);
        String mriSource = text(at + " mri", mriNode, "source", problems);
        List<String> conditions = new ArrayList<>();
        for (JsonNode condition : mriNode.path("conditions")) {
            if (condition.isTextual() && !condition.asText().isBlank() && condition.asText().strip().lines().count() == 1) {
                conditions.add(condition.asText().strip());
            } else {
                problems.add(at + ": an mri condition must be a non-blank text of one line");
            }
        }
        if (safety == MriSafety.MR_CONDITIONAL && conditions.isEmpty()) {
            problems.add(at + ": an MR_CONDITIONAL pump needs its mri conditions");
        }
        if (problems.size() > before) {
            return null;
        }
        return new PumpModel(manufacturer, model, volumes, alarm, mechanism,
                new MriConditions(safety, summary, conditions, mriSource), source);
    }

    private static LowReservoirAlarm alarm(String at, JsonNode node, List<BigDecimal> volumes, List<String> problems) {
        BigDecimal defaultMl = decimal(node.path("defaultMl"));
        BigDecimal minMl = decimal(node.path("minMl"));
        BigDecimal maxMl = decimal(node.path("maxMl"));
        BigDecimal smallest = volumes.stream().min(BigDecimal::compareTo).orElse(MAX_RESERVOIR_ML);
        if (defaultMl == null || defaultMl.signum() <= 0 || defaultMl.compareTo(smallest) >= 0) {
            problems.add(at + ": lowReservoirAlarm.defaultMl must be above 0 and below the smallest reservoir ("
                    + smallest.toPlainString() + " mL)");
            return null;
        }
        if (java.util.stream.Stream.of(defaultMl, minMl, maxMl).anyMatch(v -> v != null && v.stripTrailingZeros().scale() > 3)) {
            problems.add(at + ": lowReservoirAlarm volumes have at most 3 decimals (0.001 mL)");
            return null;
        }
        if ((minMl == null) != (maxMl == null)) {
            problems.add(at + ": lowReservoirAlarm needs both minMl and maxMl (a programmable alarm) or neither");
            return null;
        }
        if (minMl != null && (minMl.signum() <= 0 || minMl.compareTo(defaultMl) > 0 || maxMl.compareTo(defaultMl) < 0
                || maxMl.compareTo(smallest) >= 0)) {
            problems.add(at + ": lowReservoirAlarm range must be 0 < minMl <= defaultMl <= maxMl < the smallest reservoir");
            return null;
        }
        return new LowReservoirAlarm(defaultMl, minMl, maxMl);
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }

    private static String text(String at, JsonNode node, String field, List<String> problems) {
        String value = node.path(field).asText("").strip();
        if (!node.path(field).isTextual() || value.isEmpty()) {
            problems.add(at + ": " + field + " is missing");
        }
        return value;
    }

    private static <E extends Enum<E>> E constant(String at, JsonNode node, String field, Class<E> type,
                                                  List<String> problems) {
        String value = node.path(field).asText("");
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        problems.add(at + ": " + field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                + ", was '" + value + "'");
        return null;
    }
}
