package org.itpump.chassis.deadletter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What the dead-letter endpoints read and answer. Metadata only: never a payload (it is patient data). */
public final class DeadLetterViews {

    private DeadLetterViews() {
    }

    /** A record of the dead-letter topic. */
    public record Address(@NotNull @Min(0) Integer partition, @NotNull @Min(0) Long offset) implements Comparable<Address> {

        private static final Comparator<Address> ORDER = Comparator.comparing(Address::partition)
                .thenComparing(Address::offset);

        @Override
        public int compareTo(Address other) {
            return ORDER.compare(this, other);
        }

        /** {@code itpump.implant-service.dlq@0:12}, also the value of the redriven record's itpump-redrive-of header. */
        public String label(String topic) {
            return topic + "@" + partition + ":" + offset;
        }
    }

    /** Where the next page of one partition starts: {@code ?partition=..&fromOffset=..}. */
    public record Cursor(int partition, long fromOffset) {
    }

    /** One dead letter: where it sits, where it came from, why it was refused, which event it is. */
    public record DeadLetter(
            int partition, long offset,
            @Schema(description = "When the record was written to the dead-letter topic") Instant deadLetteredAt,
            @Schema(description = "Header dead-letter-topic: the topic the record was consumed from") String originalTopic,
            Integer originalPartition, Long originalOffset,
            @Schema(description = "Header dead-letter-reason") String reason,
            String ceId, String ceType,
            @Schema(description = "The pathway id") String ceSubject,
            @Schema(description = "True once the record was published again (see redrives)") boolean redriven,
            @Schema(description = "The redrives of this record, oldest first") List<Redrive> redrives) {
    }

    /** A redrive that happened: who, when, why. */
    public record Redrive(Instant redrivenAt, String redrivenBy, String reason, boolean forced) {
    }

    public record Page(String deadLetterTopic, List<DeadLetter> deadLetters,
                       @Schema(description = "Per partition that holds more records: where its next page starts")
                       List<Cursor> next) {
    }

    /** POST /dead-letters/redrive. */
    public record RedriveRequest(
            @NotEmpty @Size(max = 200) @Schema(description = "The records of the dead-letter topic to publish again")
            List<@NotNull @Valid Address> deadLetters,
            @NotBlank @Size(max = 2000) @Schema(description = "What was fixed, e.g. a ticket number", examples = "constraint corrected (ticket 123)")
            String reason,
            @Schema(description = "Publish again a record already redriven (its consumers' inboxes drop events already applied)")
            Boolean force) {

        boolean forced() {
            return Boolean.TRUE.equals(force);
        }
    }

    /** One record published again. */
    public record Redriven(int partition, long offset, String topic, String ceId, String ceType,
                           int republishedPartition, long republishedOffset, boolean forced) {
    }

    public record RedriveAnswer(String deadLetterTopic, Instant redrivenAt, String redrivenBy, String reason,
                                List<Redriven> redriven) {
    }
}
