package org.itpump.trial.store;

import jakarta.persistence.Converter;
import org.itpump.chassis.store.EnumSetColumn;
import org.itpump.trial.domain.EligibilityItem;

@Converter
public class EligibilityItemsConverter extends EnumSetColumn<EligibilityItem> {
    public EligibilityItemsConverter() {
        super(EligibilityItem.class);
    }
}
