package org.itpump.console.api;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The development sign-in (read from the main application.properties, as packaged) is never on in the prod profile, and is on in the local run's and the test profile. */
class DevelopmentSignInConfigTest {

    private static SmallRyeConfig config(String profile) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(java.nio.file.Path.of("src/main/resources/application.properties").toUri().toURL(), 250))
                .build();
    }

    @Test
    void prodRefusesItLocalAndTestHaveIt() throws IOException {
        assertFalse(config("prod").getValue("itpump.console.dev-sign-in", Boolean.class));
        assertTrue(config("local").getValue("itpump.console.dev-sign-in", Boolean.class));
        assertTrue(config("test").getValue("itpump.console.dev-sign-in", Boolean.class));
    }

    /** The pages and actions take only the OIDC code flow in prod; local runs and tests keep the development sign-in. */
    @Test
    void prodSignsInAtTheHospitalsProviderLocalAndTestDoNot() throws IOException {
        SmallRyeConfig prod = config("prod");
        assertTrue(prod.getValue("quarkus.oidc.tenant-enabled", Boolean.class));
        assertEquals("web-app", prod.getValue("quarkus.oidc.application-type", String.class));
        assertTrue(prod.getValue("quarkus.http.auth.permission.pages.enabled", Boolean.class));
        assertEquals("code", prod.getValue("quarkus.http.auth.permission.pages.auth-mechanism", String.class));
        for (String profile : new String[] {"local", "test"}) {
            assertFalse(config(profile).getValue("quarkus.oidc.tenant-enabled", Boolean.class), profile);
            assertFalse(config(profile).getValue("quarkus.http.auth.permission.pages.enabled", Boolean.class), profile);
        }
    }
}
