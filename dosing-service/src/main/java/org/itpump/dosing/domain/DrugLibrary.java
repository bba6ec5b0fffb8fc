package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned drug library, read from drug-library/drug-library-v{version}.json on the classpath and
 * validated as it is read. A published version is never edited: a change of figures is a new version, so
 * each program keeps meaning what the version that checked it said.
 */
public final class DrugLibrary {

    public static final int CURRENT_VERSION = 1;

    private final int version;
    private final Map<String, Drug> drugs;

    DrugLibrary(int version, List<Drug> drugs) {
        this.version = version;
        this.drugs = new LinkedHashMap<>();
        drugs.forEach(drug -> this.drugs.put(drug.code(), drug));
    }

    public static DrugLibrary load() {
        return load(CURRENT_VERSION);
    }

    public static DrugLibrary load(int version) {
        String resource = "drug-library/drug-library-v" + version + ".json";
        try (InputStream in = DrugLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No drug library " + resource + " on the classpath");
            }
            DrugLibrary library = DrugLibraryReader.read(in);
            if (library.version != version) {
                throw new IllegalStateException(resource + " declares version " + library.version);
            }
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Reads a library from JSON text (for tests and tooling); throws IllegalStateException if invalid. */
    public static DrugLibrary parse(String json) {
        return DrugLibraryReader.read(json);
    }

    public int version() {
        return version;
    }

    public List<Drug> drugs() {
        return List.copyOf(drugs.values());
    }

    /** The drug by its code (e.g. "morphine"); a drug not in this version is refused. */
    public Drug drug(String code) {
        Drug drug = drugs.get(code);
        if (drug == null) {
            throw new RuleViolationException("Drug '" + code + "' is not in drug library v" + version
                    + " (" + String.join(", ", drugs.keySet()) + ")");
        }
        return drug;
    }
}
