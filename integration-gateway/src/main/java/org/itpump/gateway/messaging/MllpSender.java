package org.itpump.gateway.messaging;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends one ER7 message to an MLLP engine with HAPI's client (a {@link Connection} of HAPI's connection hub, kept open
 * between messages) and returns the engine's acknowledgment code (MSA-1: AA, AE, AR, or CA, CE, CR).
 * No answer within the timeout, a refused connection or an unreadable answer throws {@link NoAckException}; the
 * connection is then discarded, so the next attempt reconnects.
 */
@ApplicationScoped
public class MllpSender {

    /** The engine did not acknowledge (down, unreachable, too slow, or garbage back). */
    public static class NoAckException extends Exception {
        public NoAckException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HapiContext context = new DefaultHapiContext();
    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    /** @return MSA-1 of the engine's ACK */
    public String send(String host, int port, String er7, Duration ackTimeout) throws NoAckException {
        String key = host + ":" + port;
        Connection connection = null;
        try {
            connection = open.get(key);
            if (connection == null || !connection.isOpen()) {
                connection = context.newClient(host, port, false);
                open.put(key, connection);
            }
            connection.getInitiator().setTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Message request = context.getPipeParser().parse(er7);
            Message ack = connection.getInitiator().sendAndReceive(request);
            String code = new Terser(ack).get("/MSA-1");
            if (code == null) {
                throw new IllegalStateException("the answer has no MSA-1");
            }
            return code;
        } catch (Exception e) {
            if (connection != null) {
                open.remove(key, connection);
                context.getConnectionHub().discard(connection);
            }
            throw new NoAckException("No ACK from " + key + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        open.values().forEach(context.getConnectionHub()::discard);
        try {
            context.close();
        } catch (java.io.IOException ignored) {
            // stopping anyway
        }
    }
}
