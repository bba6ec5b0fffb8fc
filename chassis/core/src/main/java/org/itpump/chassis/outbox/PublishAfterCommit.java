package org.itpump.chassis.outbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Publishes a use case's outbox rows right after its transaction commits (issue 17): bound to Panache's
 * {@code @WithTransaction} and ordered outside Panache's own interceptor (priority 200), it sees the transaction's
 * outcome and, when it committed, wakes the {@link OutboxRelay} in process rather than through PostgreSQL's NOTIFY.
 * The relay still claims the rows under its publisher lock in position order, so nothing is sent out of order; a
 * wake that finds a drain running makes that drain go round once more. A nested use case wakes it early, harmlessly:
 * the claim sees committed rows only, and the outer commit wakes it again.
 */
@WithTransaction
@Interceptor
@Priority(PublishAfterCommit.OUTSIDE_PANACHE_TRANSACTION)
public class PublishAfterCommit {

    /** Panache's WithTransactionInterceptor has priority 200; a lower number runs outside it. */
    static final int OUTSIDE_PANACHE_TRANSACTION = 100;

    @Inject
    OutboxRelay relay;

    @AroundInvoke
    Object wakeAfterCommit(InvocationContext context) throws Exception {
        Object work = context.proceed();
        if (work instanceof Uni<?> uni) {
            return uni.invoke(relay::wake);
        }
        return work;
    }
}
