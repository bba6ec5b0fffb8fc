package org.itpump.dosing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.dosing.domain.AffectedTherapiesException;
import org.itpump.dosing.domain.DosingEvent;
import org.itpump.dosing.domain.DrugLibrary;
import org.itpump.dosing.domain.LibraryChange;
import org.itpump.dosing.store.DosingRecords;
import org.itpump.dosing.store.DrugLibraryVersionEntity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The versioned drug library: version 1 is drug-library-v1.json, seeded by migration V9 before the service starts
 * (not at start-up, where the seed's first session blocked the event loop), then edited by pharmacy
 * over REST, each edit a new version. Versions never change once stored, so parsed ones are cached. A version
 * that removes a drug in use or narrows a hard limit below an active therapy's program in force is refused with
 * the therapies it affects, unless acknowledged (issue 12 section 4); publishing and programming exclude each
 * other (an advisory lock, exclusive to publish, shared by programs), so no program slips past that check.
 */
@ApplicationScoped
public class DrugLibraryService {

    private final ObjectMapper json;
    private static final String PUBLISH_LOCK =
            "select 1 from (select pg_advisory_xact_lock(hashtext('itpump.drug-library.publish'))) as locked";
    private static final String PROGRAM_LOCK =
            "select 1 from (select pg_advisory_xact_lock_shared(hashtext('itpump.drug-library.publish'))) as locked";
    private final Clock clock;
    private final DosingRecords records;
    private final DosingOutbox outbox;
    private final ConcurrentMap<Integer, DrugLibrary> parsed = new ConcurrentHashMap<>();

    /** Who acknowledged that a new version affects active therapies, and why (published with each of them). */
    public record Acknowledgement(String reason, String acknowledgedBy) {
    }

    DrugLibraryService(ObjectMapper json, Clock clock, DosingRecords records, DosingOutbox outbox) {
        this.json = json;
        this.clock = clock;
        this.records = records;
        this.outbox = outbox;
    }

    /** The library in force: the newest version. */
    public Uni<DrugLibrary> current() {
        return DrugLibraryVersionEntity.<DrugLibraryVersionEntity>find("order by version desc").firstResult()
                .map(this::parse);
    }

    /**
     * The library in force for a program being made, inside its transaction: waits for a publish under way and
     * holds the next one off until this transaction ends, so the publish's check sees this program.
     */
    public Uni<DrugLibrary> currentForProgramming() {
        return Panache.getSession().chain(session -> session.createNativeQuery(PROGRAM_LOCK, Integer.class).getSingleResult())
                .chain(locked -> current());
    }

    /**
     * The library versions that checked these programs (each program keeps the version that checked it), by
     * version; a version not stored is a broken reference and fails.
     */
    public Uni<Map<Integer, DrugLibrary>> pinned(Collection<Integer> versions) {
        Set<Integer> wanted = new HashSet<>(versions);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return DrugLibraryVersionEntity.<DrugLibraryVersionEntity>list("version in ?1", wanted).map(found -> {
            Map<Integer, DrugLibrary> byVersion = new HashMap<>();
            found.forEach(entity -> byVersion.put(entity.version, parse(entity)));
            if (!byVersion.keySet().containsAll(wanted)) {
                throw new IllegalStateException("Drug library versions " + wanted + " are referenced but only "
                        + byVersion.keySet() + " are stored");
            }
            return byVersion;
        });
    }

    /** One stored version of the library: its number, when it was stored, and its JSON document as stored. */
    public record LibraryVersion(int version, OffsetDateTime createdAt, String document) {
        static LibraryVersion of(DrugLibraryVersionEntity entity) {
            return new LibraryVersion(entity.version, entity.createdAt, entity.document);
        }
    }

    @WithSession
    public Uni<LibraryVersion> version(int version) {
        return DrugLibraryVersionEntity.<DrugLibraryVersionEntity>findById(version).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Drug library version", version)).map(LibraryVersion::of);
    }

    @WithSession
    public Uni<List<LibraryVersion>> versions() {
        return DrugLibraryVersionEntity.<DrugLibraryVersionEntity>list("order by version desc")
                .map(list -> list.stream().map(LibraryVersion::of).toList());
    }

    /**
     * Stores an edited library as the next version; an invalid document is refused (422) with what is wrong. A
     * version under which an active therapy's program in force would break a hard limit, or whose drug it no
     * longer lists, is refused (AffectedTherapiesException, 409, listing them) unless acknowledged: then it is
     * stored and dosing.library-change-acknowledged is published for each affected therapy, with the reason.
     */
    @WithTransaction
    public Uni<DrugLibrary> publish(ObjectNode document, Acknowledgement acknowledgement) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PUBLISH_LOCK, Integer.class).getSingleResult())
                .chain(locked -> DrugLibraryVersionEntity.<DrugLibraryVersionEntity>find("order by version desc").<DrugLibraryVersionEntity>firstResult())
                .chain(latest -> {
                    int next = latest == null ? 1 : latest.version + 1;
                    document.put("version", next);
                    String text = document.toString();
                    DrugLibrary library;
                    try {
                        library = DrugLibrary.parse(text);
                    } catch (IllegalStateException invalid) {
                        throw new RuleViolationException("The drug library is invalid: " + invalid.getMessage());
                    }
                    return programsInForce().chain(programs -> {
                        List<LibraryChange.AffectedTherapy> affected = LibraryChange.affected(library, programs);
                        if (!affected.isEmpty() && acknowledgement == null) {
                            throw new AffectedTherapiesException(next, affected);
                        }
                        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                                .truncatedTo(ChronoUnit.MICROS);
                        return store(next, text).call(() -> outbox.append(affected.stream()
                                        .<DosingEvent>map(a -> new DosingEvent.LibraryChangeAcknowledged(a, next,
                                                acknowledgement.reason(), acknowledgement.acknowledgedBy(), at,
                                                affected.size())).toList()))
                                .map(this::parse);
                    });
                });
    }

    /** The program in force of every active therapy, with its therapy's pathway and patient. */
    private Uni<List<LibraryChange.ProgramInForce>> programsInForce() {
        return records.programsInForceOfActiveTherapies();
    }

    private Uni<DrugLibraryVersionEntity> store(int version, String document) {
        DrugLibraryVersionEntity entity = new DrugLibraryVersionEntity();
        entity.version = version;
        entity.document = document;
        entity.createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return entity.persist();
    }

    private DrugLibrary parse(DrugLibraryVersionEntity entity) {
        return parsed.computeIfAbsent(entity.version, version -> DrugLibrary.parse(entity.document));
    }

    public ObjectNode document(LibraryVersion stored) {
        try {
            return (ObjectNode) json.readTree(stored.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored drug library v" + stored.version() + " is not JSON", e);
        }
    }
}
