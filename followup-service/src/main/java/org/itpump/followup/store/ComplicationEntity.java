package org.itpump.followup.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.itpump.chassis.store.EnumSetColumn;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.Severity;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "complication")
public class ComplicationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "plan_id")
    public UUID planId;
    @Enumerated(EnumType.STRING)
    public ComplicationKind kind;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Column(name = "onset_at")
    public OffsetDateTime onsetAt;
    @Convert(converter = FeaturesColumn.class)
    public Set<ClinicalFeature> features;
    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;


    @Converter
    public static class FeaturesColumn extends EnumSetColumn<ClinicalFeature> {
        public FeaturesColumn() {
            super(ClinicalFeature.class);
        }
    }
}
