package org.itpump.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.smallrye.jwt.build.Jwt;
import org.itpump.chassis.security.Roles;

import java.util.Set;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * For the least-privilege view tests: set data up as staff holding every role, then read it back with a token of one
 * role and look at the JSON it carries.
 */
public final class RoleViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoleViews() {
    }

    /** Runs {@code setup} with every un-authenticated {@code given()} carrying a token of all roles. */
    public static <T> T asStaff(Supplier<T> setup) {
        String token = Jwt.upn("view-test-staff").groups(Set.of(Roles.ALL)).sign();
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token).build();
        try {
            return setup.get();
        } finally {
            RestAssured.requestSpecification = null;
        }
    }

    /** GET {@code path} with a token carrying {@code roles}; 200 expected; the answer's JSON. */
    public static JsonNode read(String path, String... roles) {
        String token = Jwt.upn("view-test-" + String.join("-", roles)).groups(Set.of(roles)).sign();
        String body = given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException unreadable) {
            throw new AssertionError("not JSON: " + body, unreadable);
        }
    }

    /** Every field name anywhere in {@code node} (nested objects and arrays too), e.g. to assert "no baselineNrs". */
    public static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        collect(node, names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                names.add(field.getKey());
                collect(field.getValue(), names);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, names));
        }
    }
}
