package org.itpump.chassis.problem;

import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures mean "changed concurrently" (409) and which stay unexpected (500). */
class ConcurrentChangeTest {

    private static PgException postgres(String sqlState) {
        return new PgException("error", "ERROR", sqlState, "detail");
    }

    @Test
    void versionConflictsAreConcurrentChangesHoweverDeeplyWrapped() {
        assertTrue(ConcurrentChange.in(new StaleObjectStateException("TrialEntity", UUID.randomUUID())).isPresent());
        assertTrue(ConcurrentChange.in(new CompletionException(new IllegalStateException(
                new StaleObjectStateException("CandidateEntity", UUID.randomUUID())))).isPresent());
        assertTrue(ConcurrentChange.in(new OptimisticLockException("row was updated")).isPresent());
    }

    @Test
    void postgresRaceCodesAreConcurrentChanges() {
        assertTrue(ConcurrentChange.in(postgres("40001")).isPresent(), "serialization_failure");
        assertTrue(ConcurrentChange.in(postgres("40P01")).isPresent(), "deadlock_detected");
        assertTrue(ConcurrentChange.in(new CompletionException(postgres("23505"))).isPresent(), "unique_violation");
        assertTrue(ConcurrentChange.in(postgres("55P03")).isPresent(), "lock_not_available");
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ConcurrentChange.in(postgres("23503")).isPresent(), "foreign_key_violation is a bug, not a race");
        assertFalse(ConcurrentChange.in(postgres("08006")).isPresent(), "connection_failure");
        assertFalse(ConcurrentChange.in(new IllegalStateException("boom")).isPresent());
        assertFalse(ConcurrentChange.in(new RuntimeException((Throwable) null)).isPresent());
    }
}
