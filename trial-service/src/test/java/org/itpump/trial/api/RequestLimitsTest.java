package org.itpump.trial.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request line over 4096 characters gets 414, header lines over 20 KiB in total get 431, both as problem+json
 * (Vert.x alone answers them with an empty body). Raw sockets: HTTP clients refuse to send such requests.
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class RequestLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPathOf70000CharactersGets414ProblemJson() throws Exception {
        String path = "/trials/" + "a".repeat(70_000);
        Answer answer = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(414, answer.status, answer.head);
        JsonNode problem = answer.problem();
        assertEquals(414, problem.path("status").asInt());
        assertTrue(problem.path("detail").asText().contains("at most 4096"), problem.toString());
        assertTrue(answer.body.length() < 1000, "the path is not echoed back");
    }

    @Test
    void aQueryStringOverTheLimitGets414Too() throws Exception {
        Answer answer = exchange("GET /trials?status=" + "P".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(414, answer.status, answer.head);
        answer.problem();
    }

    @Test
    void aHeaderOf40KilobytesGets431ProblemJson() throws Exception {
        Answer answer = exchange("GET /trials HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(40 * 1024) + "\r\n\r\n");
        assertEquals(431, answer.status, answer.head);
        JsonNode problem = answer.problem();
        assertEquals(431, problem.path("status").asInt());
        assertEquals("/trials", problem.path("instance").asText());
    }

    @Test
    void manySmallHeadersOverTheTotalGet431ProblemJson() throws Exception {
        StringBuilder request = new StringBuilder("GET /trials HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 1000; i++) {
            request.append("X-Header-").append(i).append(": value-").append(i).append("\r\n"); // ~27 bytes x 1000 > 20 KiB
        }
        Answer answer = exchange(request.append("\r\n").toString());
        assertEquals(431, answer.status, answer.head);
        answer.problem();
    }

    @Test
    void aRequestWithinTheLimitsIsServedAsUsual() throws Exception {
        Answer answer = exchange("GET /trials?status=IN_PROGRESS&limit=1 HTTP/1.1\r\nHost: localhost\r\nX-Small: "
                + "s".repeat(10_000) + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, answer.status, answer.head);
    }

    private record Answer(int status, String head, String body) {
        JsonNode problem() throws Exception {
            assertTrue(head.toLowerCase().contains("content-type: application/problem+json"), head);
            return JSON.readTree(body);
        }
    }

    /** Sends the raw request and reads the answer until the server closes the connection. */
    private Answer exchange(String request) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            String text = "";
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.write(buffer, 0, n);
                text = read.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd > 0 && complete(text, headEnd)) {
                    break;
                }
            }
            int headEnd = text.indexOf("\r\n\r\n");
            assertTrue(headEnd > 0, "an HTTP answer: " + text);
            String head = text.substring(0, headEnd);
            String body = text.substring(headEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunked(body);
            }
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    private static boolean complete(String text, int headEnd) {
        String head = text.substring(0, headEnd).toLowerCase();
        int length = head.indexOf("content-length: ");
        if (length >= 0) {
            int end = head.indexOf("\r\n", length);
            int declared = Integer.parseInt(head.substring(length + 16, end < 0 ? head.length() : end).trim());
            return text.length() - headEnd - 4 >= declared;
        }
        return text.endsWith("0\r\n\r\n");
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
