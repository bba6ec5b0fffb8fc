package org.itpump.chassis.audit;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The hook that puts an API write's audit row into its business transaction: bound to Panache's
 * {@code @WithTransaction} and ordered inside Panache's own interceptor (priority 200), it runs when the use case's
 * work is done and before the transaction commits, and adds the audit row (and its AuditEvent in the outbox) to it.
 * The change, its outbox events and its audit row commit together, or none does: an audit row that cannot be
 * written rolls the change back ({@link AuditUnavailableException}, 503). Outside an API write (a read, a consumer,
 * a timer) it does nothing; a nested use case joins the outer transaction and the row is written once.
 */
@WithTransaction
@Interceptor
@Priority(AuditedTransaction.INSIDE_PANACHE_TRANSACTION)
public class AuditedTransaction {

    /** Panache's WithTransactionInterceptor has priority 200; a higher number runs inside it. */
    static final int INSIDE_PANACHE_TRANSACTION = 300;

    @Inject
    AuditRecorder recorder;

    @AroundInvoke
    Object recordWithChange(InvocationContext context) throws Exception {
        Object work = context.proceed();
        if (work instanceof Uni<?> uni) {
            return uni.call(recorder::recordWithChange);
        }
        return work;
    }
}
