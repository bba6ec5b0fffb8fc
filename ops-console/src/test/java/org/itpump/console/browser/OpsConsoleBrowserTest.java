package org.itpump.console.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.itpump.console.PathwayEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.itpump.testing.PathwayTestResource;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser (Debian's Chromium through Selenium): a patient's pathway events arrive on the real
 * topics and the open timeline gains each one live (server-sent events, no reload); the board shows the booking; an
 * escalation appears on the worklist, is acknowledged with a click (through the followup-service API stand-in, which
 * publishes the acknowledgement to the topic) and disappears; a scheduler's pages show no NRS. axe-core checks each
 * page for serious or critical accessibility violations. Screenshots go to target/.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
@WithTestResource(FollowupStandIn.class)
class OpsConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    private ChromeDriver browser;

    @BeforeEach
    void open() throws IOException {
        browser = Browser.start();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPathwayMovesAcrossTheBoardLiveAndAnEscalationIsAcknowledgedWithAClick() throws IOException {
        String patient = "MRN-BR-" + UUID.randomUUID().toString().substring(0, 6);
        try (PathwayEvents pathway = new PathwayEvents(patient)) {
            signIn("nurse");

            // the timeline, open before the pathway exists, gains each event as it is committed
            go("/pathways?q=" + patient);
            awaitLive();
            ((JavascriptExecutor) browser).executeScript("window.itpumpSamePage = true;");
            pathway.send(PathwayEvents.TRIAL, "trial.started", pathway.trialStarted());
            awaitRows(1);
            pathway.send(PathwayEvents.TRIAL, "trial.assessment-recorded", pathway.assessment(4));
            awaitRows(2);
            pathway.send(PathwayEvents.TRIAL, "trial.passed", pathway.trialPassed());
            awaitRows(3);
            pathway.send(PathwayEvents.IMPLANT, "implant.case-opened", pathway.caseOpened());
            awaitRows(4);
            pathway.send(PathwayEvents.IMPLANT, "implant.scheduled",
                    pathway.scheduled("2030-01-15T08:30:00Z", "2030-01-15T10:30:00Z", 120));
            awaitRows(5);
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.itpumpSamePage === true;"),
                    "the page was updated in place, not reloaded");
            assertEquals(5, browser.findElements(By.cssSelector("#timeline-chart circle.event")).size());
            assertTrue(browser.findElement(By.id("timeline-table")).getText().contains("NRS 4 at 120 min"));
            screenshot("timeline.png");
            assertAccessible();

            // the board: the booking in Theatre 1 on 15 January 2030
            go("/?day=2030-01-15");
            awaitVisible("#board-chart g.booking[data-case='" + pathway.caseId + "']");
            assertTrue(browser.findElement(By.id("bookings")).getText().contains(patient));
            assertTrue(browser.findElement(By.id("bookings")).getText().contains("Theatre 1"));
            screenshot("board.png");
            assertAccessible();

            // an escalation appears on the open worklist, is acknowledged with a click, and disappears
            go("/worklists");
            awaitLive();
            Instant raised = Instant.now().minus(30, ChronoUnit.MINUTES);
            FollowupStandIn.ACKNOWLEDGEMENTS.put(pathway.escalationId, (Function<String, Runnable>) user -> () ->
                    pathway.send(PathwayEvents.FOLLOWUP, "followup.escalation-acknowledged",
                            pathway.acknowledged(user, Instant.now().toString())));
            pathway.send(PathwayEvents.FOLLOWUP, "followup.complication-escalated", pathway.escalated(raised.toString()));
            String row = "tr[data-escalation='" + pathway.escalationId + "']";
            awaitVisible(row);
            screenshot("worklists.png");
            assertAccessible();
            browser.findElement(By.id("ack-" + pathway.escalationId)).click();
            until(driver -> driver.findElements(By.cssSelector(row)).isEmpty());
            assertEquals(List.of(pathway.escalationId + " by dev-nurse"), FollowupStandIn.RECEIVED.stream()
                    .filter(call -> call.startsWith(pathway.escalationId)).toList(), "followup's API called with the nurse's token");

            // a scheduler sees the board and the pathway, but no pain score
            signIn("scheduler");
            go("/pathways?q=" + pathway.pathwayId);
            awaitRows(7);
            String page = browser.findElement(By.tagName("body")).getText();
            assertTrue(page.contains(patient), page);
            assertFalse(page.contains("NRS"), "a scheduler sees no NRS: " + page);
            assertAccessible();
            go("/?day=2030-01-15");
            awaitVisible("#board-chart g.booking[data-case='" + pathway.caseId + "']");
        }
    }

    private void signIn(String role) {
        go("/sign-in");
        new Select(browser.findElement(By.id("role"))).selectByValue(role);
        browser.findElement(By.id("sign-in")).click();
        until(driver -> driver.findElements(By.id("viewer-name")).stream().anyMatch(e -> e.getText().equals("dev-" + role)));
    }

    private void go(String path) {
        browser.get(base.toString().replaceFirst("/$", "") + path);
    }

    private void awaitLive() {
        until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-live-connected")));
    }

    private void awaitRows(int rows) {
        until(driver -> driver.findElements(By.cssSelector("#timeline-table tbody tr")).size() == rows);
    }

    private void awaitVisible(String css) {
        until(driver -> !driver.findElements(By.cssSelector(css)).isEmpty());
    }

    private void until(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).until(condition::apply);
    }

    /** axe-core (Deque's Selenium integration) in the page: no serious or critical violation. */
    private void assertAccessible() {
        Results results = new AxeBuilder().analyze(browser);
        List<String> severe = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(OpsConsoleBrowserTest::describe).toList();
        assertTrue(severe.isEmpty(), browser.getCurrentUrl() + ": " + severe);
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).toList();
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
