package org.itpump.console.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Chromium and ChromeDriver (apt: chromium, chromium-driver), headless, with a fresh profile and none of
 * the background network calls that hang on a closed network. Selenium downloads nothing: the driver's path is
 * given. Without them the test is skipped with the reason, unless ITPUMP_REQUIRE_BROWSER=1 (CI) makes that a failure.
 */
final class Browser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browser() {
    }

    static ChromeDriver start() throws IOException {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        String why = "Chromium and ChromeDriver not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver (.ci/run does)";
        if ("1".equals(System.getenv("ITPUMP_REQUIRE_BROWSER"))) {
            if (!present) {
                throw new AssertionError(why + "; ITPUMP_REQUIRE_BROWSER=1 requires them");
            }
        } else {
            Assumptions.assumeTrue(present, why);
        }
        Path profile = Files.createTempDirectory("itpump-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
