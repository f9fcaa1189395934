package hk.tsw.gateway.api.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver, headless, 1366x768; never a driver downloaded by Selenium Manager. With the
 * checks every console browser test makes of a page: no horizontal scrolling, and a screenshot kept.
 */
final class ChromiumBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ChromiumBrowser() {
    }

    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("The console's browser tests need Debian's chromium and chromium-driver"
                    + " (/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver"
                    + " (.ci/run does this)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present,
                "no /usr/bin/chromium or /usr/bin/chromedriver: apt-get install -y chromium chromium-driver");
    }

    static ChromeDriver chrome() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=1366,768", "--disable-gpu", "--disable-dev-shm-usage",
                "--lang=en");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return driver;
    }

    /** The page fits the 1366x768 window without horizontal scrolling; a screenshot is kept under {@code shots}. */
    static void fits(ChromeDriver browser, Path shots, String name) throws java.io.IOException {
        Object fits = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
        screenshot(browser, shots, name);
        org.junit.jupiter.api.Assertions.assertEquals(Boolean.TRUE, fits,
                name + ": the page scrolls sideways at 1366x768");
    }

    static void screenshot(ChromeDriver browser, Path shots, String name) throws java.io.IOException {
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
