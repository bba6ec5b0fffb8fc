package org.itpump.testing;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real MLLP receiver playing the hospital's integration engine, as a Mirth TCP Listener in MLLP mode would: HAPI's
 * own HL7Service on a port. It records every message it receives (PID-3.1, MSH-9.2, MSH-10, the ACK code sent, the ER7
 * text) and ACKs it AA, unless told to refuse (AE or AR) a patient's next messages. It can stop and start again on
 * the same port (an engine that goes down and comes back). Used by integration-gateway's tests and the local
 * platform's end-to-end test.
 * <p>
 * HAPI HL7v2 is an optional dependency of chassis-testing: a module using this class declares {@code hapi-base} and
 * the structures it receives ({@code hapi-structures-v251}) itself.
 */
public final class MllpEngine implements AutoCloseable {

    /** One message as the engine received it, and the acknowledgment code it answered (AA, AE, AR). */
    public record Received(String patientRef, String trigger, String controlId, String ackSent, String er7) {
    }

    private final int port;
    private final HapiContext context = new DefaultHapiContext();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<String, AcknowledgmentCode> refusalCodes = new ConcurrentHashMap<>();
    private HL7Service server;

    /** An engine that will listen on {@code port} once started. */
    public MllpEngine(int port) {
        this.port = port;
    }

    /** A port free right now (for an engine the system under test is then configured to reach). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts listening, unless already listening; returns this engine. */
    public synchronized MllpEngine start() throws InterruptedException {
        if (server != null && server.isRunning()) {
            return this;
        }
        server = context.newServer(port, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                return answer(message);
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        server.startAndWait();
        return this;
    }

    private Message answer(Message message) throws HL7Exception {
        Terser terser = new Terser(message);
        String patient = terser.get("/PATIENT/PID-3-1");
        AtomicInteger left = patient == null ? null : refusals.get(patient);
        boolean refuse = left != null && left.getAndDecrement() > 0;
        AcknowledgmentCode code = refuse ? refusalCodes.getOrDefault(patient, AcknowledgmentCode.AE) : AcknowledgmentCode.AA;
        received.add(new Received(patient, terser.get("/MSH-9-2"), terser.get("/MSH-10"), code.name(), message.encode()));
        try {
            return refuse ? message.generateACK(code, new HL7Exception("engine refuses")) : message.generateACK();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening (connections are refused until {@link #start}). */
    public synchronized void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** host:port, e.g. for the gateway's MLLP destination. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The engine answers AE to the next {@code times} messages of this patient. */
    public void refuse(String patientRef, int times) {
        refuse(patientRef, times, AcknowledgmentCode.AE);
    }

    /** The engine answers {@code code} (AE: application error, AR: application reject) to the next {@code times}. */
    public void refuse(String patientRef, int times, AcknowledgmentCode code) {
        refusalCodes.put(patientRef, code);
        refusals.put(patientRef, new AtomicInteger(times));
    }

    /** This patient's messages, in order of arrival (refused ones included). */
    public List<Received> of(String patientRef) {
        return received.stream().filter(r -> patientRef.equals(r.patientRef())).toList();
    }

    /** The triggers (MSH-9.2, e.g. S12) received for this patient, in order of arrival. */
    public List<String> triggersOf(String patientRef) {
        return of(patientRef).stream().map(Received::trigger).toList();
    }

    @Override
    public void close() throws IOException {
        stop();
        context.close();
    }
}
