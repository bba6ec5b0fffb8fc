package org.itpump.console.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser (Debian's Chromium through Selenium) beside the four real services, packaged and each
 * in its own JVM ({@link PackagedServices}): a patient is driven through the pathway over their REST APIs and the open
 * timeline gains each event live (server-sent events, no reload); the board shows the booking; an escalation appears
 * on the worklist, is acknowledged with a click (followup-service's API, with the nurse's own token; its event takes
 * the row away) and disappears; a scheduler books and reschedules the theatre slot from the board (implant-service's
 * API with the scheduler's token; a refusal shows implant-service's problem detail) and sees the pre-op checklist
 * change there; a scheduler's pages show no NRS. axe-core checks each page for serious or critical
 * accessibility violations. Screenshots go to target/.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
@WithTestResource(PackagedServices.class)
class OpsConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

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
    void aPathwayDrivenOverRestMovesAcrossTheBoardLiveAndAnEscalationIsAcknowledgedWithAClick() throws IOException {
        RestPathway pathway = new RestPathway("MRN-BR-" + UUID.randomUUID().toString().substring(0, 6));
        signIn("nurse");

        // the timeline, open before the pathway exists, gains each event as the services commit it
        go("/pathways?q=" + pathway.patientRef);
        awaitLive();
        ((JavascriptExecutor) browser).executeScript("window.itpumpSamePage = true;");
        pathway.startTrial(8);
        awaitEvents("trial.started", 1);
        pathway.assess(4);
        awaitEvents("trial.assessment-recorded", 1);
        pathway.assess(3);
        pathway.assess(5); // mean 4 of baseline 8: exactly 50 % relief, a pass
        awaitEvents("trial.assessment-recorded", 3);
        pathway.decide();
        awaitEvents("trial.passed", 1);
        awaitEvents("implant.case-opened", 1);
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.itpumpSamePage === true;"),
                "the page was updated in place, not reloaded");
        int rows = browser.findElements(By.cssSelector("#timeline-table tbody tr")).size();
        assertEquals(rows, browser.findElements(By.cssSelector("#timeline-chart circle.event")).size(), "a dot per row");
        assertTrue(browser.findElement(By.id("timeline-table")).getText().contains("NRS 4 at 120 min"));

        // a scheduler books the case from the board: the form goes to implant-service with the scheduler's token,
        // and the booking is on the board once implant-service publishes it
        String[] theatre = pathway.roomAndSurgeon("Theatre " + pathway.patientRef, "Dr Lin");
        signIn("scheduler");
        go("/?day=2099-01-15");
        awaitVisible("#to-book tr[data-case='" + pathway.caseId + "']");
        String book = "book-" + pathway.caseId;
        openForm(book);
        assertAccessible();
        type(book + "-room", theatre[0]);
        type(book + "-surgeon", theatre[1]);
        type(book + "-start", "2099-01-15 08:30");
        type(book + "-duration", "120");
        browser.findElement(By.id(book + "-submit")).click();
        String bar = "#board-chart g.booking[data-case='" + pathway.caseId + "']";
        awaitVisible(bar);
        String bookings = browser.findElement(By.id("bookings")).getText();
        assertTrue(bookings.contains(pathway.patientRef) && bookings.contains("Theatre " + pathway.patientRef)
                && bookings.contains("2099-01-15 08:30") && bookings.contains("2099-01-15 10:30"), bookings);
        assertEquals(0, browser.findElements(By.cssSelector("#to-book tr[data-case='" + pathway.caseId + "']")).size(),
                "booked, so no longer waiting");

        // implant-service refuses a 10-minute slot (30 to 480): its problem+json detail is shown, nothing moves
        String move = "move-" + pathway.caseId;
        openForm(move);
        type(move + "-duration", "10");
        type(move + "-reason", "Surgeon on leave");
        browser.findElement(By.id(move + "-submit")).click();
        awaitVisible("#action-error");
        assertEquals("422", browser.findElement(By.id("problem-status")).getText());
        assertEquals("implant-service", browser.findElement(By.id("problem-service")).getText());
        String detail = browser.findElement(By.id("problem-detail")).getText();
        assertTrue(detail.contains("30") && detail.contains("480"), "implant-service's own detail: " + detail);
        assertAccessible();

        // the reschedule with a reason (SIU S13): the bar moves to 13:00 for 90 minutes
        browser.findElement(By.id("back")).click();
        awaitVisible(bar);
        openForm(move);
        type(move + "-start", "2099-01-15 13:00");
        type(move + "-duration", "90");
        type(move + "-reason", "Surgeon on leave in the morning");
        browser.findElement(By.id(move + "-submit")).click();
        until(driver -> driver.findElement(By.id("bookings")).getText().contains("2099-01-15 14:30"));
        bookings = browser.findElement(By.id("bookings")).getText();
        assertTrue(bookings.contains("2099-01-15 13:00") && !bookings.contains("08:30"), bookings);
        assertAccessible();

        // the pre-op checklist on the board, as implant-service publishes each change (a nurse confirms over REST)
        String preOp = "#bookings tr[data-case='" + pathway.caseId + "'] td.pre-op";
        assertEquals("not confirmed yet", browser.findElement(By.cssSelector(preOp)).getText());
        pathway.preOp("CONSENT_SIGNED", "ANTICOAGULATION_HELD");
        until(driver -> driver.findElement(By.cssSelector(preOp)).getText()
                .equals("outstanding: INFECTION_SCREEN_CLEAR, IMAGING_REVIEWED"));
        pathway.preOp("CONSENT_SIGNED", "ANTICOAGULATION_HELD", "INFECTION_SCREEN_CLEAR", "IMAGING_REVIEWED");
        until(driver -> driver.findElement(By.cssSelector(preOp)).getText().equals("complete"));
        signIn("nurse");

        // surgery, monitoring, and a complication that followup-service escalates
        pathway.complete();
        go("/worklists");
        awaitLive();
        String escalationId = pathway.reportInfection();
        String row = "tr[data-escalation='" + escalationId + "']";
        awaitVisible(row);
        screenshot("worklists.png");
        assertAccessible();
        // the click goes to followup-service with the nurse's own token; its event takes the row off the worklist
        browser.findElement(By.id("ack-" + escalationId)).click();
        until(driver -> driver.findElements(By.cssSelector(row)).isEmpty());
        Map<String, Object> acknowledged = pathway.escalation(escalationId);
        assertEquals("dev-nurse", acknowledged.get("acknowledgedBy"), "followup-service took the user from the console's token");

        // the whole pathway on one timeline, across the four services
        go("/pathways?q=" + pathway.pathwayId);
        awaitEvents("followup.escalation-acknowledged", 1);
        awaitEvents("implant.pre-op-checklist-updated", 2);
        for (String type : List.of("implant.scheduled", "implant.rescheduled", "implant.completed", "dosing.therapy-opened",
                "followup.monitoring-started", "followup.complication-escalated")) {
            awaitEvents(type, 1);
        }
        screenshot("timeline.png");
        assertAccessible();

        // a scheduler sees the board and the pathway, but no pain score
        signIn("scheduler");
        go("/pathways?q=" + pathway.pathwayId);
        awaitEvents("followup.escalation-acknowledged", 1);
        String page = browser.findElement(By.tagName("body")).getText();
        assertTrue(page.contains(pathway.patientRef), page);
        assertFalse(page.contains("NRS"), "a scheduler sees no NRS: " + page);
        assertAccessible();
        go("/?day=2099-01-15");
        awaitVisible("#board-chart g.booking[data-case='" + pathway.caseId + "']");
        screenshot("board.png");
        assertAccessible();
    }

    private void signIn(String role) {
        go("/sign-in");
        new Select(browser.findElement(By.id("role"))).selectByValue(role);
        browser.findElement(By.id("sign-in")).click();
        until(driver -> driver.findElements(By.id("viewer-name")).stream().anyMatch(e -> e.getText().equals("dev-" + role)));
    }

    /**
     * Opens the form under the summary with this id. The page may swap its content once just after loading (the
     * live stream's first refresh), so a click on the old element is retried; an open form holds later swaps.
     */
    private void openForm(String summaryId) {
        until(driver -> {
            try {
                WebElement summary = driver.findElement(By.id(summaryId));
                if (summary.findElement(By.xpath("..")).getAttribute("open") == null) {
                    summary.click();
                }
                return summary.findElement(By.xpath("..")).getAttribute("open") != null;
            } catch (StaleElementReferenceException swapped) {
                return false;
            }
        });
    }

    /** Replaces the text of the input with this id. */
    private void type(String id, String text) {
        var input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void go(String path) {
        browser.get(base.toString().replaceFirst("/$", "") + path);
    }

    private void awaitLive() {
        until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-live-connected")));
    }

    /** Waits until the open timeline lists exactly {@code count} events of this type. */
    private void awaitEvents(String type, int count) {
        until(driver -> driver.findElements(By.cssSelector("#timeline-table tbody tr[data-type='" + type + "']")).size() == count);
    }

    private void awaitVisible(String css) {
        until(driver -> !driver.findElements(By.cssSelector(css)).isEmpty());
    }

    private void until(Function<WebDriver, Boolean> condition) {
        // a live refresh may swap the element a condition is reading: read it again
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition::apply);
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
