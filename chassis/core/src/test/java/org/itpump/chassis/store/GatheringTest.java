package org.itpump.chassis.store;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a gathering writes and when, on a real Vert.x duplicated context (as a consumed batch runs). */
class GatheringTest {

    private static Vertx vertx;
    private final Gathering<List<String>> gathering = new Gathering<>("test.gathering", ArrayList::new);
    private final List<List<String>> written = new ArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void whatTheWorkGathersIsWrittenOnceWhenItIsDoneAndNestedWorkJoins() throws Exception {
        String result = onDuplicatedContext(() -> gathering.around(() -> {
            gathering.current().add("a");
            return gathering.around(() -> { // nested: joins the outer gathering
                gathering.current().add("b");
                return Uni.createFrom().item("done");
            }, this::write);
        }, this::write).map(done -> done + ", then " + gathering.current())); // on the same context, after it

        assertEquals("done, then null", result, "the gathering is closed once the work is done");
        assertEquals(List.of(List.of("a", "b")), written, "one write, after the work, with both items in order");
    }

    @Test
    void failedWorkWritesNothing() {
        assertThrows(Exception.class, () -> onDuplicatedContext(() -> gathering.around(() -> {
            gathering.current().add("lost with its transaction");
            return Uni.createFrom().<String>failure(new IllegalStateException("rolled back"));
        }, this::write)));
        assertTrue(written.isEmpty(), "nothing written: " + written);
    }

    @Test
    void withoutADuplicatedContextThereIsNoGathering() {
        String result = gathering.around(() -> Uni.createFrom().item(String.valueOf(gathering.current())), this::write)
                .await().atMost(java.time.Duration.ofSeconds(5));
        assertEquals("null", result, "callers write at once");
        assertTrue(written.isEmpty());
    }

    private Uni<Void> write(List<String> items) {
        written.add(List.copyOf(items));
        return Uni.createFrom().voidItem();
    }

    private static <T> T onDuplicatedContext(Supplier<Uni<T>> work) throws Exception {
        Context duplicated = VertxContext.getOrCreateDuplicatedContext(vertx.getOrCreateContext());
        CompletableFuture<T> done = new CompletableFuture<>();
        duplicated.runOnContext(ignored -> work.get().subscribe().with(done::complete, done::completeExceptionally));
        return done.get(5, TimeUnit.SECONDS);
    }
}
