package org.itpump.gateway;

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
 * A real MLLP receiver playing the hospital's integration engine: HAPI's own HL7Service on a free port. It records
 * every message it receives (as ER7) and ACKs it AA, unless told to refuse (AE) a patient's messages a number of
 * times. It can go down and come back on the same port.
 */
public final class TestEngine {

    /** One message as the engine received it. */
    public record Received(String patientRef, String trigger, String controlId, String ackSent, String er7) {
    }

    public static final int PORT = freePort();
    private static final HapiContext CONTEXT = new DefaultHapiContext();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> REFUSALS = new ConcurrentHashMap<>();
    private static final Map<String, AcknowledgmentCode> REFUSAL_CODES = new ConcurrentHashMap<>();
    private static HL7Service server;

    private TestEngine() {
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void start() throws InterruptedException {
        if (server != null && server.isRunning()) {
            return;
        }
        server = CONTEXT.newServer(PORT, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                Terser terser = new Terser(message);
                String patient = terser.get("/PATIENT/PID-3-1");
                AtomicInteger refusals = REFUSALS.get(patient);
                boolean refuse = refusals != null && refusals.getAndDecrement() > 0;
                AcknowledgmentCode code = refuse ? REFUSAL_CODES.getOrDefault(patient, AcknowledgmentCode.AE) : AcknowledgmentCode.AA;
                try {
                    RECEIVED.add(new Received(patient, terser.get("/MSH-9-2"), terser.get("/MSH-10"), code.name(),
                            message.encode()));
                } catch (HL7Exception e) {
                    throw new IllegalStateException(e);
                }
                try {
                    return refuse ? message.generateACK(code, new HL7Exception("engine refuses"))
                            : message.generateACK();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        server.startAndWait();
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    /** The engine answers AE to the next {@code times} messages of this patient. */
    public static void refuse(String patientRef, int times) {
        refuse(patientRef, times, AcknowledgmentCode.AE);
    }

    /** The engine answers {@code code} (AE: application error, AR: application reject) to the next {@code times}. */
    public static void refuse(String patientRef, int times, AcknowledgmentCode code) {
        REFUSAL_CODES.put(patientRef, code);
        REFUSALS.put(patientRef, new AtomicInteger(times));
    }

    public static List<Received> of(String patientRef) {
        return RECEIVED.stream().filter(r -> patientRef.equals(r.patientRef())).toList();
    }
}
