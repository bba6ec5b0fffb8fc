package org.itpump.dosing.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

@Entity
@Table(name = "drug_library_version")
public class DrugLibraryVersionEntity extends PanacheEntityBase {
    @Id
    public int version;
    public String document;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
