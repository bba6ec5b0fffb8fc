package org.itpump.local;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local tools' command-line options ({@code --name value} and {@code --flag}), read the same way by run.sh,
 * benchmark.sh and fault-suite.sh. An option the tool does not know, a value missing or not a whole number, or a
 * stray argument is refused with a message that says which, instead of being ignored: a mistyped
 * {@code --patinets 10} must not start an hour-long run with the default 1000 patients.
 */
public final class Options {

    /** What an option takes. */
    public enum Kind {
        /** Present or not: {@code --no-chaos}. */
        FLAG,
        /** A whole number: {@code --patients 1000}. */
        NUMBER,
        /** A whole number that may be left out: {@code --demo} or {@code --demo 20}. */
        OPTIONAL_NUMBER,
        /** Any text: {@code --phases hop,reads}. */
        TEXT
    }

    /** The arguments break the tool's options; the message names the offending argument. */
    public static final class RefusedException extends IllegalArgumentException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads the arguments against the tool's options.
     *
     * @param known every option the tool has, by name with its leading {@code --}
     * @throws RefusedException on an unknown option, a missing or non-numeric value, or a stray argument
     */
    public static Options parse(String[] args, Map<String, Kind> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            Kind kind = known.get(name);
            if (kind == null) {
                throw new RefusedException(name.startsWith("-")
                        ? "unknown option " + name + " (known: " + String.join(" ", new TreeSet<>(known.keySet())) + ")"
                        : "unexpected argument '" + name + "'");
            }
            if (values.containsKey(name)) {
                throw new RefusedException(name + " is given twice");
            }
            boolean valueFollows = i + 1 < args.length && !args[i + 1].startsWith("--");
            switch (kind) {
                case FLAG -> values.put(name, "");
                case OPTIONAL_NUMBER -> values.put(name, valueFollows ? number(name, args[++i]) : "");
                case NUMBER, TEXT -> {
                    if (!valueFollows) {
                        throw new RefusedException(name + " needs a value");
                    }
                    values.put(name, kind == Kind.NUMBER ? number(name, args[++i]) : args[++i]);
                }
            }
        }
        return new Options(values);
    }

    /**
     * {@link #parse}, or the tool's usage: with {@code --help} on standard output and exit 0, after a refusal with
     * the reason on standard error and exit 2.
     */
    public static Options parseOrExit(String[] args, Map<String, Kind> known, String usage) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(usage);
            System.exit(0);
        }
        try {
            return parse(args, known);
        } catch (RefusedException refused) {
            System.err.println("error: " + refused.getMessage());
            System.err.println(usage);
            System.exit(2);
            return null;
        }
    }

    /** Options in the order given, for {@link #parse}'s {@code known}. */
    public static Map<String, Kind> known(Object... nameKindPairs) {
        Map<String, Kind> known = new LinkedHashMap<>();
        for (int i = 0; i < nameKindPairs.length; i += 2) {
            known.put((String) nameKindPairs[i], (Kind) nameKindPairs[i + 1]);
        }
        return known;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The option's number; {@code fallback} when absent, or when given without its (optional) value. */
    public int number(String name, int fallback) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The names given, for checks across options. */
    public Set<String> given() {
        return Set.copyOf(values.keySet());
    }

    private static String number(String name, String value) {
        try {
            Integer.parseInt(value);
            return value;
        } catch (NumberFormatException e) {
            throw new RefusedException(name + " takes a whole number, not '" + value + "'");
        }
    }
}
