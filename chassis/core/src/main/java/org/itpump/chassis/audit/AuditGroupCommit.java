package org.itpump.chassis.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.outbox.OutboxRelay;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Group commit of the audit rows written outside a business transaction (reads, refused calls; issue 17): the
 * entries of concurrent calls are gathered and written in one transaction, one multi-row insert into audit_record
 * and one batch of their AuditEvents into the outbox. Each caller still waits for its own row's commit.
 * <p>
 * One batch is written at a time: while it is in flight, new entries queue, and the next batch takes them all (at
 * most {@link #MAX_BATCH}) when it commits. So one call alone is written at once, and under load a batch is as large
 * as what arrived during the previous one's round trips. The chain trigger (V0_10) runs for each row in the batch's
 * order (the order the entries arrived), so the hash chain stays one ordered chain.
 * <p>
 * Fails closed: when the batch's transaction fails (any row refused, the database gone), every entry of that batch
 * fails, and each of those calls answers 503; no entry of a failed batch is reported written.
 */
@ApplicationScoped
public class AuditGroupCommit {

    /** The largest batch: bounds one transaction's statement size and the chain head's lock time. */
    static final int MAX_BATCH = 128;

    private static final String INSERT = "insert into audit_record (" + AuditRecorder.COLUMN_LIST + ")" + """
            
            select id, recorded_at, actor, roles, action, method, path, query_string, patient_refs, outcome_status,
                   nullif(token_subject, ''), nullif(token_issuer, ''), nullif(caused_by, '')
            from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::int4[], $11::text[], $12::text[], $13::text[])
                 with ordinality as e(""" + AuditRecorder.COLUMN_LIST + """
            , n)
            order by n""";

    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int writing; // entries in the batch in flight (0: none)

    AuditGroupCommit(Pool pool, Outbox outbox, OutboxRelay relay) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
    }

    /**
     * Writes the entry with whatever other entries are waiting; the item comes (on the caller's Vert.x context) once
     * its batch committed; a failure (the batch's, shared by all its entries) otherwise. Its AuditEvent is checked and
     * stamped with the caller's trace now.
     */
    Uni<Void> commit(AuditEntry entry) {
        Outbox.Row event;
        try {
            event = outbox.prepare(entry.asEvent());
        } catch (IllegalStateException broken) {
            return Uni.createFrom().failure(broken);
        }
        return Uni.createFrom().emitter(emitter -> {
            List<Pending> batch;
            synchronized (this) {
                queue.add(new Pending(entry, event, Vertx.currentContext(), emitter));
                batch = writing == 0 ? take() : null;
            }
            if (batch != null) {
                write(batch);
            }
        });
    }

    /** Entries queued or being written now (for tests that must know every call of theirs arrived). */
    synchronized int pending() {
        return queue.size() + writing;
    }

    /** Under the lock: the next batch, marked in flight. */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
        }
        writing = batch.size();
        return batch;
    }

    private void write(List<Pending> batch) {
        Uni<Void> written;
        try {
            written = pool.withTransaction(connection -> connection.preparedQuery(INSERT).execute(columns(batch))
                    .chain(() -> outbox.appendAll(connection, batch.stream().map(Pending::event).toList())));
        } catch (RuntimeException failure) {
            written = Uni.createFrom().failure(failure);
        }
        written.subscribe().with(ok -> done(batch, null), failure -> done(batch, failure));
    }

    private void done(List<Pending> batch, Throwable failure) {
        if (failure == null) {
            relay.wake(); // the AuditEvents published right after the commit
        }
        for (Pending pending : batch) {
            pending.answer(failure);
        }
        List<Pending> next;
        synchronized (this) {
            next = queue.isEmpty() ? null : take();
            if (next == null) {
                writing = 0;
            }
        }
        if (next != null) {
            write(next);
        }
    }

    /** The batch as one array per column, in the batch's order ("" for a missing subject, issuer or cause). */
    private static Tuple columns(List<Pending> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] recorded = new OffsetDateTime[n];
        String[][] text = new String[10][n];
        Integer[] status = new Integer[n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = batch.get(i).entry();
            ids[i] = e.id();
            recorded[i] = e.recordedAt();
            text[0][i] = e.actor();
            text[1][i] = String.join(",", e.roles());
            text[2][i] = e.action();
            text[3][i] = e.method();
            text[4][i] = e.path();
            text[5][i] = e.query();
            text[6][i] = String.join(",", e.patientRefs());
            status[i] = e.status();
            text[7][i] = e.subject() == null ? "" : e.subject();
            text[8][i] = e.issuer() == null ? "" : e.issuer();
            text[9][i] = e.causedBy() == null ? "" : e.causedBy();
        }
        return Tuple.tuple().addArrayOfUUID(ids).addArrayOfOffsetDateTime(recorded).addArrayOfString(text[0])
                .addArrayOfString(text[1]).addArrayOfString(text[2]).addArrayOfString(text[3]).addArrayOfString(text[4])
                .addArrayOfString(text[5]).addArrayOfString(text[6]).addArrayOfInteger(status)
                .addArrayOfString(text[7]).addArrayOfString(text[8]).addArrayOfString(text[9]);
    }

    /** One waiting call: its entry, its AuditEvent's outbox row, and where to answer it. */
    private record Pending(AuditEntry entry, Outbox.Row event, Context context, UniEmitter<? super Void> emitter) {

        void answer(Throwable failure) {
            Runnable emit = failure == null ? () -> emitter.complete(null) : () -> emitter.fail(failure);
            if (context == null) {
                emit.run();
            } else {
                context.runOnContext(ignored -> emit.run());
            }
        }
    }
}
