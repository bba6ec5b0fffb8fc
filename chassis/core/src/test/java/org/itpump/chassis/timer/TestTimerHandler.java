package org.itpump.chassis.timer;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chassis test application's timer handler: a timer of kind {@link #FAILING} always fails (as a refill timer
 * did whose drug a library edit removed), any other kind fires and is remembered; alerts are remembered too.
 */
@Singleton
public class TestTimerHandler implements DueTimerHandler {

    static final String FAILING = "chassis-test.failing";

    final Set<UUID> fired = ConcurrentHashMap.newKeySet();
    /** How many times each timer fired: once, however often it is polled. */
    final Map<UUID, Integer> firings = new ConcurrentHashMap<>();
    final List<UUID> alerts = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> onDue(DueTimer timer) {
        if (FAILING.equals(timer.kind)) {
            return Uni.createFrom().failure(new IllegalStateException("drug 'baclofen' is not in the library"));
        }
        fired.add(timer.id);
        firings.merge(timer.id, 1, Integer::sum);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> onRepeatedFailure(DueTimer timer) {
        alerts.add(timer.id);
        return Uni.createFrom().voidItem();
    }
}
