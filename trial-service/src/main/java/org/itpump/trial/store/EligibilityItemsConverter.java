package org.itpump.trial.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.itpump.trial.domain.EligibilityItem;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores the documented checklist items as their names, comma-separated. */
@Converter
public class EligibilityItemsConverter implements AttributeConverter<Set<EligibilityItem>, String> {

    @Override
    public String convertToDatabaseColumn(Set<EligibilityItem> items) {
        return items == null ? "" : items.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<EligibilityItem> convertToEntityAttribute(String column) {
        EnumSet<EligibilityItem> items = EnumSet.noneOf(EligibilityItem.class);
        if (column != null && !column.isBlank()) {
            Arrays.stream(column.split(",")).map(EligibilityItem::valueOf).forEach(items::add);
        }
        return items;
    }
}
