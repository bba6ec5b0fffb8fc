package org.itpump.trial.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.itpump.trial.domain.DoseCheck;

import java.util.List;

/** A dose check's findings as a JSON array of {limit, rule, text} in one text column; null stays null. */
@Converter
public class DoseFindingsConverter implements AttributeConverter<List<DoseCheck.Finding>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<DoseCheck.Finding>> FINDINGS = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<DoseCheck.Finding> findings) {
        try {
            return findings == null ? null : JSON.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Dose findings cannot be written as JSON", e);
        }
    }

    @Override
    public List<DoseCheck.Finding> convertToEntityAttribute(String column) {
        try {
            return column == null ? null : JSON.readValue(column, FINDINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored dose findings are not the JSON this service writes", e);
        }
    }
}
