package org.itpump.gateway.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.itpump.gateway.messaging.SiuSettings;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** itpump.gateway.*: the SIU feed's names and the destinations it is delivered to. */
@ConfigMapping(prefix = "itpump.gateway")
public interface GatewayConfig {

    Hl7 hl7();

    Delivery delivery();

    Fhir fhir();

    /** Identifier systems of the FHIR resources. */
    interface Fhir {
        /** The system (URI) of the opaque patient references, e.g. the pseudonym service's OID as urn:oid:... */
        String patientSystem();

        /** The system (URI) of the hospital's staff numbers. */
        String staffSystem();

        default org.itpump.gateway.messaging.FhirResources resources() {
            return new org.itpump.gateway.messaging.FhirResources(patientSystem(), staffSystem());
        }
    }

    /** MSH names, PID-3 assigning authority, hospital time zone, filler contact (see {@link SiuSettings}). */
    interface Hl7 {
        String sendingApplication();

        String sendingFacility();

        String receivingApplication();

        String receivingFacility();

        String patientAssigningAuthority();

        ZoneId hospitalZone();

        String fillerContactId();

        String fillerContactName();

        Optional<String> fillerContactPhone();

        String defaultEnteredBy();

        @WithDefault("P")
        String processingId();

        default SiuSettings settings() {
            return new SiuSettings(sendingApplication(), sendingFacility(), receivingApplication(), receivingFacility(),
                    patientAssigningAuthority(), hospitalZone(), fillerContactId(), fillerContactName(),
                    fillerContactPhone().orElse(null), defaultEnteredBy(), processingId());
        }
    }

    /**
     * Where each SIU message goes: every MLLP engine of {@code mllp.<name>.host/port}, and the Kafka topic when
     * {@code kafka} is on. An engine that answers AE or AR is retried {@code max-rejections} times with back-off
     * (first-back-off doubling up to max-back-off), then the message is parked (alert). No ACK within
     * {@code ack-timeout} (or no connection) is retried with the same back-off, without limit.
     */
    interface Delivery {
        Map<String, Mllp> mllp();

        @WithDefault("true")
        boolean kafka();

        @WithDefault("5")
        int maxRejections();

        @WithDefault("1s")
        Duration firstBackOff();

        @WithDefault("5m")
        Duration maxBackOff();

        @WithDefault("30s")
        Duration ackTimeout();

        /** How often the outboxes (HL7 deliveries, FHIR publication) are looked at. */
        @WithDefault("1s")
        Duration poll();
    }

    /** One MLLP engine (Mirth, Rhapsody, ...) listening for SIU. */
    interface Mllp {
        String host();

        int port();
    }
}
