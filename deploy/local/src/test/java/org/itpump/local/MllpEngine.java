package org.itpump.local;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The hospital's integration engine as the gateway meets it: a real MLLP listener (HAPI's HL7Service, as a Mirth
 * TCP Listener in MLLP mode would be) that records every message it gets and answers AA.
 */
final class MllpEngine implements AutoCloseable {

    /** One message as received: PID-3.1 (the patient reference), MSH-9.2 (the trigger, e.g. S12), the ER7 text. */
    record Received(String patientRef, String trigger, String er7) {
    }

    private final HapiContext context = new DefaultHapiContext();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HL7Service server;
    private final int port;

    MllpEngine(int port) throws InterruptedException {
        this.port = port;
        server = context.newServer(port, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                Terser terser = new Terser(message);
                received.add(new Received(terser.get("/PATIENT/PID-3-1"), terser.get("/MSH-9-2"), message.encode()));
                try {
                    return message.generateACK();
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

    /** host:port for the gateway's MLLP destination. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** The triggers received for this patient, in order of arrival. */
    List<String> triggersOf(String patientRef) {
        return received.stream().filter(r -> patientRef.equals(r.patientRef())).map(Received::trigger).toList();
    }

    List<Received> of(String patientRef) {
        return received.stream().filter(r -> patientRef.equals(r.patientRef())).toList();
    }

    @Override
    public void close() throws IOException {
        server.stopAndWait();
        context.close();
    }
}
