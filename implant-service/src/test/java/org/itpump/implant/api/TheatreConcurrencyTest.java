package org.itpump.implant.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.restassured.http.ContentType;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.itpump.implant.ImplantTestSupport.TOMORROW_9AM;
import static org.itpump.implant.ImplantTestSupport.booking;
import static org.itpump.implant.ImplantTestSupport.openCase;
import static org.itpump.implant.ImplantTestSupport.registerRoom;
import static org.itpump.implant.ImplantTestSupport.registerSurgeon;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Overlapping bookings fired in parallel: PostgreSQL lets exactly one through, the others get 409. */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class TheatreConcurrencyTest {

    private static final int PARALLEL = 8;

    @Test
    void oneRoomIsNeverDoubleBooked() throws Exception {
        String room = registerRoom();
        List<Integer> answers = fire(i -> booking(room, registerSurgeon(), startPlusMinutes(i * 10), 120));
        assertEquals(1, answers.stream().filter(status -> status == 200).count(), answers.toString());
        assertEquals(PARALLEL - 1, answers.stream().filter(status -> status == 409).count(), answers.toString());
    }

    @Test
    void oneSurgeonIsNeverDoubleBooked() throws Exception {
        String surgeon = registerSurgeon();
        List<Integer> answers = fire(i -> booking(registerRoom(), surgeon, startPlusMinutes(i * 10), 120));
        assertEquals(1, answers.stream().filter(status -> status == 200).count(), answers.toString());
        assertEquals(PARALLEL - 1, answers.stream().filter(status -> status == 409).count(), answers.toString());
    }

    private static String startPlusMinutes(int minutes) {
        return OffsetDateTime.parse(TOMORROW_9AM).plusDays(3).plusMinutes(minutes).toString();
    }

    /** Prepares one case and one body per request, then sends them all at once. */
    private static List<Integer> fire(java.util.function.IntFunction<java.util.Map<String, Object>> body) throws Exception {
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            String caseId = openCase(UUID.randomUUID().toString());
            var request = body.apply(i);
            requests.add(() -> given().contentType(ContentType.JSON).body(request)
                    .when().post("/implant-cases/{id}/booking", caseId).then().extract().statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(requests)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
