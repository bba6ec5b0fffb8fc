package org.itpump.trial.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.itpump.trial.domain.PainAssessment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "pain_assessment")
public class PainAssessmentEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "trial_id")
    public UUID trialId;
    public int nrs;
    @Column(name = "assessed_at")
    public OffsetDateTime assessedAt;
    @Column(name = "minutes_since_dose")
    public int minutesSinceDose;
    @Column(name = "oral_mme_per_day")
    public BigDecimal oralMmePerDay;
    @Column(name = "function_score")
    public Integer functionScore;

    public PainAssessment toAssessment() {
        return new PainAssessment(id, trialId, nrs, minutesSinceDose, oralMmePerDay, functionScore, assessedAt);
    }

    static PainAssessmentEntity of(PainAssessment a) {
        PainAssessmentEntity row = new PainAssessmentEntity();
        row.id = a.id();
        row.trialId = a.trialId();
        row.nrs = a.nrs();
        row.minutesSinceDose = a.minutesSinceDose();
        row.oralMmePerDay = a.oralMmePerDay();
        row.functionScore = a.functionScore();
        row.assessedAt = a.assessedAt();
        return row;
    }
}
