package hk.tsw.gateway.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operator's partners and certificates page and dead letters page in a real browser (headless Chromium at
 * 1366x768, as {@link ConsoleBrowserTest}): a partner certificate that expires in 10 days is shown with the 14-day
 * warning, counted on the dashboard and in the gauge; the dashboard's quiet partners (none: one submission is no
 * usual gap) are the operator's only; a partner whose file says disabled is shown so; a delivery CED refused (400, so dead at once) is listed with its
 * origin queue and re-driven with a comment, and is then delivered, once, and in the audit log; a partner cannot open
 * either page (404 page) nor call their API (403).
 */
class ConsoleOperatorBrowserTest extends ConsoleBrowserFixture {

    @TempDir
    static Path dir;
    static AgencyStub ced;
    static TestCertificates.Identity soon;

    @BeforeAll
    static void start() throws Exception {
        Instant now = Instant.now();
        soon = TestCertificates.create("DEMOFWD SOON", now.minus(300, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        ced.answer("", 400); // the first delivery to CED is refused: dead at once, then the stub accepts
        start(dir, "operator.edi", Map.of("CED", ced.url()), Map.of(), config -> {
            soon.writePem(config.resolve("demo/as2/partners/demofwd-soon.cert.pem"), null);
            Path f = config.resolve("partners/DEMOFWD.xml");
            Files.writeString(f, Files.readString(f).replace("<certificate>demo/as2/partners/demofwd-2026.cert.pem</certificate>",
                    "<certificate>demo/as2/partners/demofwd-2026.cert.pem</certificate>\n"
                            + "    <certificate>demo/as2/partners/demofwd-soon.cert.pem</certificate>"));
            Path line = config.resolve("partners/DEMOLINE.xml");
            Files.writeString(line, Files.readString(line).replace("</reply>", "</reply>\n  <disabled>true</disabled>"));
        });
    }

    @AfterAll
    static void stopStub() {
        if (ced != null) {
            ced.close();
        }
    }

    @Test
    void the_operator_sees_a_certificate_expiring_in_ten_days_warned_on_the_partners_page() throws Exception {
        signIn("operator", "operator-DEMO-ONLY-password");
        String count = browser.findElement(By.id("expiring-certificates")).getText();
        assertTrue(count.matches("[1-9][0-9]* .*"), "the dashboard counts it: " + count);
        // one submission in 30 days: DEMOFWD has no usual gap yet, so no partner is quiet
        assertEquals("No partner is quiet.", browser.findElement(By.cssSelector("#quiet-partners tbody")).getText());
        submitAndWait(By.id("nav-partners"));
        assertEquals(1, browser.findElements(By.id("page-partners")).size());
        String serial = soon.certificate().getSerialNumber().toString(16);
        WebElement row = browser.findElements(By.cssSelector("#certificates tr.cert")).stream()
                .filter(tr -> tr.getText().contains(serial)).findFirst().orElseThrow(() -> new AssertionError(
                        "no row for serial " + serial + " in " + browser.findElement(By.id("certificates")).getText()));
        assertEquals("cert warn-14", row.getDomAttribute("class"), row.getText());
        assertTrue(row.getText().contains("CN=DEMOFWD SOON") && row.getText().contains("14-day warning"), row.getText());
        assertEquals(Integer.parseInt(count.split(" ")[0]),
                browser.findElements(By.cssSelector("#certificates tr.warn-30, #certificates tr.warn-14,"
                        + " #certificates tr.warn-expired")).size(), "the dashboard counts the rows warned about");
        assertTrue(browser.findElements(By.cssSelector("#certificates td.mono")).stream()
                .anyMatch(td -> td.getText().startsWith("SSH key SHA256:")), "the SSH keys are listed as keys");
        assertTrue(browser.findElement(By.id("partner-DEMOFWD")).getText().contains("IMPORT_DECLARATION"));
        assertEquals("enabled", browser.findElement(By.id("partner-status-DEMOFWD")).getText());
        assertEquals("disabled", browser.findElement(By.id("partner-status-DEMOLINE")).getText());
        assertEquals("error", browser.findElement(By.id("partner-status-DEMOLINE")).getDomAttribute("class"));
        fits("operator-partners");
        String metrics = gw.get("/observe/metrics").body();
        Matcher gauge = Pattern.compile("tsw_certificate_expiry_seconds\\{[^}]*serial=\"" + serial + "\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(gauge.find(), "the gauge of the certificate");
        double days = Double.parseDouble(gauge.group(1)) / 86400;
        assertTrue(days > 9 && days <= 10, "about 10 days left: " + days);
    }

    @Test
    void the_operator_redrives_a_dead_letter_with_a_comment_and_it_is_delivered_once() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> gw.get("/api/dead-letters").body()
                .contains("\"origin\" : \"tsw.deliver.CED\""));
        String letter = gw.get("/api/dead-letters").body().replaceAll("(?s).*?\"id\" : \"([0-9a-f-]{36})\".*", "$1");
        assertEquals(0, ced.ledger().size(), "nothing delivered to CED yet");
        signIn("operator", "operator-DEMO-ONLY-password");
        submitAndWait(By.id("nav-dead-letters"));
        WebElement row = browser.findElement(By.id("letter-" + letter));
        assertTrue(row.getText().contains("tsw.deliver.CED"), row.getText());
        fits("operator-dead-letters");
        String comment = "re-drive test " + UUID.randomUUID();
        row.findElement(By.name("comment")).sendKeys(comment);
        submitAndWait(By.cssSelector("#letter-" + letter + " button.redrive-submit"));
        assertEquals("ok", browser.findElement(By.id("redriven")).getDomAttribute("class"),
                browser.findElement(By.id("redriven")).getText());
        assertTrue(browser.findElements(By.id("letter-" + letter)).isEmpty(), "the letter left the dead-letter queue");
        fits("operator-redriven");
        await().atMost(Duration.ofSeconds(120)).until(() -> ced.ledger().size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages/" + message).body()
                .contains("\"state\" : \"DELIVERED\""));
        assertEquals(404, gw.send(ApiTokens.OPERATOR, gw.request("/api/dead-letters/" + letter + "/redrive?comment=again")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode(), "moved, not copied: a second re-drive finds nothing");
        assertEquals(1, ced.ledger().size(), "delivered once");
        String audit = gw.getAs(ApiTokens.OPERATOR, "/api/audit").body();
        assertTrue(audit.contains("DEAD_LETTER_REDRIVE") && audit.contains(comment), "the comment is in the audit log");
        assertTrue(gw.get("/api/messages/" + message).body().contains("dead letter re-driven by operator"),
                "the timeline says who re-drove it");
    }

    @Test
    void a_partner_cannot_open_the_operator_pages_nor_their_api() throws Exception {
        signIn("demofwd", "demofwd-DEMO-ONLY-password");
        assertTrue(browser.findElements(By.id("quiet-partners")).isEmpty(), "the quiet partners are the operator's");
        assertTrue(browser.findElements(By.id("nav-partners")).isEmpty(), "no link for a partner");
        browser.get(base + "/console/partners");
        assertEquals("404", browser.findElement(By.id("error-status")).getText());
        assertFalse(browser.getPageSource().contains("DEMOLINE"), "nothing of another partner is shown");
        fits("partner-partners-refused");
        browser.get(base + "/console/dead-letters");
        assertEquals("404", browser.findElement(By.id("error-status")).getText());
        assertEquals(403, gw.getAs(ApiTokens.DEMOFWD, "/api/partners").statusCode());
        assertEquals(403, gw.getAs(ApiTokens.DEMOFWD, "/api/certificates").statusCode());
        assertEquals(403, gw.getAs(ApiTokens.CED, "/api/dead-letters").statusCode());
    }
}
