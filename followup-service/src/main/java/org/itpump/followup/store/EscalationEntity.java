package org.itpump.followup.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.followup.domain.escalation.Urgency;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One escalation, of a complication or of an explant ({@code complicationId} null); open until acknowledged and
 * re-alerted every {@code reAlertEveryMinutes} until then.
 */
@Entity
@Table(name = "escalation")
public class EscalationEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "complication_id")
    public UUID complicationId;
    @Column(name = "plan_id")
    public UUID planId;
    @Column(name = "rule_id")
    public String ruleId;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    public String suspicion;
    public String action;
    @Column(name = "raised_at")
    public OffsetDateTime raisedAt;
    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    /** COMPLICATION or EXPLANT. */
    public String cause;
    @Column(name = "realert_every_minutes")
    public int reAlertEveryMinutes;
    /** 1 when raised, plus one per re-alert. */
    @Column(name = "alert_count")
    public int alertCount;
    @Column(name = "last_alerted_at")
    public OffsetDateTime lastAlertedAt;
    @Version
    public long version;
}
