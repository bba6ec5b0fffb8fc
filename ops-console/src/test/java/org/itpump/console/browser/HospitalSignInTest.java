package org.itpump.console.browser;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.console.PathwayEvents;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production sign-in: the prod profile's switches (the OIDC code flow on, on the pages and actions; the development
 * sign-in off) against a real OIDC provider implementation, Quarkus' own Dev Services for OIDC (an in-JVM server with
 * discovery, login page, token endpoint and JWKS; no container). An unsigned page request is redirected to the
 * provider; a scheduler logs in there (Chromium) and sees the board and the timeline but no pain score; the
 * development sign-in answers 404.
 */
@QuarkusTest
@TestProfile(HospitalSignInTest.HospitalOidc.class)
@WithTestResource(PathwayTestResource.class)
class HospitalSignInTest {

    /** What the prod profile sets (application.properties), with Dev Services for OIDC as the hospital's provider. */
    public static class HospitalOidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the chassis turns Dev Services off (the tests start Kafka and PostgreSQL themselves): on for OIDC only
            return Map.of("quarkus.devservices.enabled", "true",
                    "quarkus.kafka.devservices.enabled", "false",
                    "quarkus.datasource.devservices.enabled", "false",
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.http.auth.permission.pages.enabled", "true",
                    "itpump.console.dev-sign-in", "false",
                    "quarkus.oidc.devservices.enabled", "true",
                    // the provider's users: groups claim with the platform's role names, as the hospital's IdP issues
                    "quarkus.oidc.devservices.roles.sam", "scheduler");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TestHTTPResource("/")
    URL base;

    private ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anUnsignedPageRequestIsSentToTheProviderAndTheDevelopmentSignInIsAbsent() throws Exception {
        String provider = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        for (String page : new String[] {"", "worklists", "pathways?q=MRN-1"}) {
            HttpResponse<String> answer = get(page);
            assertEquals(302, answer.statusCode(), page);
            String location = answer.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(provider + "/authorize?"), location);
            assertTrue(location.contains("response_type=code"), location);
            assertTrue(location.contains("client_id=ops-console"), location);
        }
        assertEquals(404, get("sign-in").statusCode());
    }

    @Test
    void aSchedulerSignedInAtTheProviderSeesTheBoardAndTheTimelineButNoPainScore() throws IOException {
        String patient = "MRN-OIDC-" + UUID.randomUUID().toString().substring(0, 6);
        try (PathwayEvents pathway = new PathwayEvents(patient)) {
            pathway.send(PathwayEvents.TRIAL, "trial.started", pathway.trialStarted());
            pathway.send(PathwayEvents.TRIAL, "trial.assessment-recorded", pathway.assessment(4));

            browser = Browser.start();
            // the board refreshes itself (its live stream): an element read just as the page is replaced is stale, and
            // is looked up again on the wait's next turn
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            browser.get(base.toString());
            // the provider's login page (its own page, on its own port), then back with a code
            wait.until(driver -> !driver.findElements(By.name("predefined-sam")).isEmpty());
            assertTrue(browser.getCurrentUrl().contains("/authorize"), browser.getCurrentUrl());
            browser.findElement(By.name("predefined-sam")).click();
            wait.until(driver -> driver.findElements(By.id("viewer-name")).stream()
                    .anyMatch(e -> e.getText().equals("sam")));
            assertTrue(browser.getCurrentUrl().startsWith(base.toString()), browser.getCurrentUrl());
            wait.until(driver -> driver.findElement(By.tagName("h1")).getText().startsWith("Theatre board"));
            assertTrue(browser.getPageSource().contains("(scheduling view)"), "the scheduler's view of the board");

            // the timeline of that pathway: both events, the assessment without its score
            wait.until(driver -> {
                driver.get(base + "pathways?q=" + patient);
                return driver.getPageSource().contains("data-type=\"trial.assessment-recorded\"");
            });
            String timeline = browser.getPageSource();
            assertTrue(timeline.contains("data-type=\"trial.started\""), timeline);
            assertFalse(timeline.contains("NRS"), "a scheduler sees no pain score: " + timeline);
            assertFalse(timeline.contains("morphine"), "a scheduler sees no drug or dose: " + timeline);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
