package org.itpump.chassis.store;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.query.spi.QueryEngine;
import org.hibernate.query.sqm.NodeBuilder;
import org.hibernate.reactive.mutiny.Mutiny;
import org.itpump.chassis.timer.DueTimers;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Does the one-off work that would otherwise block a Vert.x event loop the first time it is needed (issue 17: the
 * blocked-thread warnings at start and under load), on the start-up thread, before the Kafka consumers and the
 * timers start (this observer runs before SmallRye Reactive Messaging's, priority 1000; the timers skip every run
 * until the application is running):
 * <ul>
 *   <li>Hibernate's HQL lexer and parser (ANTLR's tables, the SQM builder) initialise on the first HQL query,
 *   which took 3-12 s on an event loop under load: the timers' queries and a few generic ones per entity are
 *   interpreted here, into Hibernate's interpretation cache;</li>
 *   <li>the first PostgreSQL connection loads and initialises Netty's buffer and the PostgreSQL codec classes: they
 *   are initialised here and one connection of the pool is opened (and kept idle).</li>
 * </ul>
 * A failure here is logged and ignored: the work is then done lazily, as before, and the service still starts
 * (PostgreSQL down at start is the readiness check's business).
 */
@ApplicationScoped
public class StartWarmUp {

    private static final Logger LOG = Logger.getLogger(StartWarmUp.class);

    /** Classes the first connection initialises on its event loop (missing ones are skipped: versions differ). */
    private static final List<String> CONNECTION_CLASSES = List.of(
            "io.netty.buffer.PooledByteBufAllocator", "io.netty.buffer.Unpooled", "io.netty.buffer.ByteBufUtil",
            "io.netty.buffer.AbstractByteBufAllocator", "io.netty.buffer.PoolArena", "io.netty.buffer.PoolThreadCache",
            "io.netty.util.Recycler", "io.netty.util.internal.PlatformDependent",
            "io.vertx.pgclient.impl.PgSocketConnection", "io.vertx.pgclient.impl.codec.PgCodec",
            "io.vertx.pgclient.impl.codec.PgEncoder", "io.vertx.pgclient.impl.codec.PgDecoder",
            "io.vertx.pgclient.impl.codec.DataTypeCodec", "io.vertx.pgclient.impl.codec.DataType",
            "io.vertx.pgclient.impl.util.MD5Authentication", "io.vertx.pgclient.impl.auth.scram.ScramAuthentication");

    private final Instance<Mutiny.SessionFactory> sessions;
    private final Instance<Pool> pools;

    StartWarmUp(Instance<Mutiny.SessionFactory> sessions, Instance<Pool> pools) {
        this.sessions = sessions;
        this.pools = pools;
    }

    void warmUp(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        long started = System.nanoTime();
        int queries = interpretQueries();
        boolean connected = openFirstConnection();
        LOG.infof("Warmed up before consuming: %d HQL queries interpreted, first PostgreSQL connection %s (%d ms)",
                queries, connected ? "open" : "not opened", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** The HQL queries interpreted (0 without Hibernate Reactive or when its factory is not reachable). */
    private int interpretQueries() {
        if (!sessions.isResolvable()) {
            return 0;
        }
        try {
            Mutiny.SessionFactory factory = sessions.get();
            if (!(factory.getCriteriaBuilder() instanceof NodeBuilder nodes)) {
                return 0;
            }
            QueryEngine engine = nodes.getQueryEngine();
            List<String> hql = new ArrayList<>(DueTimers.QUERIES);
            for (EntityType<?> entity : factory.getMetamodel().getEntities()) {
                String name = entity.getName(); // an entity whose id is named otherwise still warms the parser
                hql.add("FROM " + name + " WHERE id = ?1");
                hql.add("SELECT COUNT(*) FROM " + name + " e WHERE e.id <> ?1 and e.id is not null");
                hql.add("FROM " + name + " e WHERE e.id in ?1 ORDER BY e.id DESC");
            }
            int interpreted = 0;
            for (String query : hql) {
                try {
                    engine.getInterpretationCache().resolveHqlInterpretation(query, null, engine.getHqlTranslator());
                    interpreted++;
                } catch (RuntimeException unusual) {
                    LOG.debugf("Not warmed up: %s (%s)", query, unusual.getMessage());
                }
            }
            return interpreted;
        } catch (RuntimeException failure) {
            LOG.warnf("HQL not warmed up at start (done at the first query instead): %s", failure.toString());
            return 0;
        }
    }

    private boolean openFirstConnection() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : CONNECTION_CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError missing) {
                LOG.debugf("Not preloaded: %s", name);
            }
        }
        if (!pools.isResolvable()) {
            return false;
        }
        try {
            pools.get().query("select 1").execute().await().atMost(Duration.ofSeconds(30));
            return true;
        } catch (RuntimeException failure) {
            LOG.warnf("No PostgreSQL connection at start (opened at the first use instead): %s", failure.toString());
            return false;
        }
    }
}
