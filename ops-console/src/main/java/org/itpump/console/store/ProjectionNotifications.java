package org.itpump.console.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Committed changes of the read model, as PostgreSQL delivers their NOTIFY (at commit, to every replica that
 * LISTENs): each item is the pathway id that changed, or "dead-letters". Live pages subscribe to it.
 */
@ApplicationScoped
public class ProjectionNotifications {

    private static final Logger LOG = Logger.getLogger(ProjectionNotifications.class);

    private final Vertx vertx;
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();
    private PgSubscriber subscriber;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    ProjectionNotifications(Vertx vertx) {
        this.vertx = vertx;
    }

    void listen(@Observes StartupEvent start) {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(ProjectionStore.CHANNEL).handler(changes::onNext);
        subscriber.connect().subscribe().with(ok -> LOG.debug("Listening for read-model changes"),
                failure -> LOG.warnf("Cannot LISTEN for read-model changes (%s): pages update on reload only",
                        failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** A hot stream of changed pathway ids (or "dead-letters"); subscribers see changes from their subscription on. */
    public Multi<String> changes() {
        return changes;
    }
}
