package org.itpump.chassis.problem;

import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.LockAcquisitionException;

import java.util.Optional;
import java.util.Set;

/**
 * Recognises a failure that means "another request changed the same record at the same time": a version conflict
 * (Hibernate's {@code StaleObjectStateException} / JPA {@code OptimisticLockException}), a lock that could not be
 * taken, or PostgreSQL's serialization failure (SQLSTATE 40001), deadlock (40P01) and unique violation (23505: two
 * requests inserted the same key, the second after the first's check). Over REST these are 409, never 500: the
 * client reads the record again and decides.
 */
public final class ConcurrentChange {

    /** PostgreSQL error codes, Appendix A of its manual. */
    private static final Set<String> RACE_SQL_STATES = Set.of("40001", "40P01", "23505", "55P03");
    private static final int MAX_CAUSE_DEPTH = 16;

    private ConcurrentChange() {
    }

    /** What conflicted, in words for the answer, or empty when the failure is not a concurrent change. */
    public static Optional<String> in(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof StaleStateException || cause instanceof OptimisticLockException) {
                return Optional.of("The record was changed by another request at the same time; read it again and retry");
            }
            if (cause instanceof PessimisticLockException || cause instanceof LockAcquisitionException) {
                return Optional.of("The record is being changed by another request; retry");
            }
            if (cause instanceof DatabaseException database && database.getSqlState() != null
                    && RACE_SQL_STATES.contains(database.getSqlState())) {
                return Optional.of(database.getSqlState().equals("23505")
                        ? "Another request created the same record at the same time; read it again"
                        : "The change collided with another request's change; retry");
            }
            if (cause instanceof java.sql.SQLException sql && RACE_SQL_STATES.contains(String.valueOf(sql.getSQLState()))) {
                return Optional.of("The change collided with another request's change; retry");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
