package org.itpump.dosing.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Drug libraries derived from the v1 seed for tests: one drug alone, or a figure edited. */
final class LibraryFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LibraryFixtures() {
    }

    static ObjectNode seed() {
        try (InputStream in = LibraryFixtures.class.getClassLoader().getResourceAsStream("drug-library/drug-library-v1.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode drug(ObjectNode library, String code) {
        for (var node : library.withArray("drugs")) {
            if (node.path("code").asText().equals(code)) {
                return (ObjectNode) node;
            }
        }
        throw new IllegalArgumentException(code);
    }

    /** The seed with only that drug, edited. */
    static Drug alone(String code, Consumer<ObjectNode> edit) {
        ObjectNode library = seed();
        ObjectNode drug = drug(library, code).deepCopy();
        edit.accept(drug);
        ArrayNode drugs = library.putArray("drugs");
        drugs.add(drug);
        return DrugLibrary.parse(library.toString()).drug(code);
    }
}
