package org.itpump.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

/** W3C trace context (traceparent) for tests: a fresh sampled context, and the trace id a header carries. */
public final class Traces {

    private Traces() {
    }

    /** {@code 00-<32 hex trace id>-<16 hex parent span id>-01}, as a caller that traces its requests sends it. */
    public static String newTraceparent() {
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        ThreadLocalRandom.current().nextBytes(traceId);
        ThreadLocalRandom.current().nextBytes(spanId);
        traceId[0] |= 1; // never the invalid all-zero id
        spanId[0] |= 1;
        return "00-" + HexFormat.of().formatHex(traceId) + "-" + HexFormat.of().formatHex(spanId) + "-01";
    }

    public static String traceId(String traceparent) {
        return traceparent == null ? null : traceparent.split("-")[1];
    }

    public static String spanId(String traceparent) {
        return traceparent == null ? null : traceparent.split("-")[2];
    }

    /** The record's traceparent header; fails if it has none or several. */
    public static String traceparent(ConsumerRecord<String, String> record) {
        long count = StreamSupport.stream(record.headers().headers("traceparent").spliterator(), false).count();
        if (count != 1) {
            throw new AssertionError("expected one traceparent header on " + TopicProbe.header(record, "ce_type")
                    + ", found " + count);
        }
        return TopicProbe.header(record, "traceparent");
    }
}
