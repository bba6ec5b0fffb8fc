package org.itpump.chassis.store;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes gathered during one piece of work and written together when it is done, before its result is passed on
 * (issue 17: a consumed batch's outbox rows and audit rows in multi-row statements instead of one per event). The
 * state lives in the duplicated Vert.x context's locals, so it belongs to the one transaction running there. Without
 * a duplicated context there is no gathering ({@link #current()} is null: the caller writes at once); a nested
 * {@link #around} joins the open gathering; a failed or cancelled work writes nothing (its rows would go with the
 * rolled-back transaction anyway).
 *
 * @param <S> what is gathered (rows, and whatever else a writer keeps per gathering)
 */
public final class Gathering<S> {

    private final String key;
    private final Supplier<S> fresh;

    /** @param key the context-local key (one per kind of gathering); @param fresh a new, empty state */
    public Gathering(String key, Supplier<S> fresh) {
        this.key = key;
        this.fresh = fresh;
    }

    /** The state of the open gathering of the current context, or null (none open, or not a duplicated context). */
    public S current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        Open<S> open = ContextLocals.<Open<S>>get(key).orElse(null);
        return open != null && open.open ? open.state : null;
    }

    /** Runs {@code work} with a gathering open, then {@code write}s what it gathered before passing its result on. */
    public <T> Uni<T> around(Supplier<Uni<T>> work, Function<S, Uni<Void>> write) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return work.get();
        }
        // opened at subscription, not at assembly: a Uni built and never subscribed leaves no gathering behind
        return Uni.createFrom().deferred(() -> current() != null ? work.get() : opened(work, write));
    }

    private <T> Uni<T> opened(Supplier<Uni<T>> work, Function<S, Uni<Void>> write) {
        Open<S> open = new Open<>(fresh.get());
        ContextLocals.put(key, open);
        return Uni.createFrom().<T>deferred(() -> work.get())
                .call(() -> {
                    open.open = false; // what the write itself appends is written at once
                    return write.apply(open.state);
                })
                .onTermination().invoke(() -> {
                    open.open = false;
                    if (VertxContext.isOnDuplicatedContext()) {
                        ContextLocals.remove(key);
                    }
                });
    }

    private static final class Open<S> {
        final S state;
        volatile boolean open = true;

        Open(S state) {
            this.state = state;
        }
    }
}
