package org.itpump.implant.store;

import jakarta.persistence.Converter;
import org.itpump.chassis.store.EnumSetColumn;
import org.itpump.implant.domain.PreOpItem;

@Converter
public class PreOpItemsConverter extends EnumSetColumn<PreOpItem> {
    public PreOpItemsConverter() {
        super(PreOpItem.class);
    }
}
