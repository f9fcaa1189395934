package hk.tsw.gateway.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's actions in a real browser (headless Chromium at 1366x768, as {@link ConsoleBrowserTest}): an agency
 * lists the documents routed to it and records a decision with a comment (in the audit log); another agency's crafted
 * POST for that document is refused and records nothing; a partner preflights a file and reads the errors next to
 * the numbered segments; the operator replays a delivered message, which is delivered again as a linked message. Every page visited is checked for horizontal scrolling and
 * leaves a screenshot in gateway/server/target/screenshots/.
 */
class ConsoleActionsBrowserTest extends ConsoleBrowserFixture {

    @TempDir
    static Path dir;
    static long document;
    static final int UPLOAD_MAX = 64 * 1024;

    @BeforeAll
    static void start() throws Exception {
        start(dir, "actions.edi", Map.of(), Map.of("gateway.console.preflight.max.bytes", String.valueOf(UPLOAD_MAX)),
                c -> { });
        await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/agencies/CED/documents").body()
                .contains("\"messageId\" : " + message));
        document = Long.parseLong(gw.get("/api/agencies/CED/documents").body()
                .replaceAll("(?s).*?\"documentId\" : (\\d+).*", "$1"));
    }

    @Test
    void an_agency_lists_its_documents_and_records_a_decision_with_a_comment() throws Exception {
        signIn("ced", "ced-DEMO-ONLY-password");
        submitAndWait(By.id("nav-agency"));
        assertFalse(browser.findElements(By.id("doc-" + document)).isEmpty(), "the document routed to CED is listed");
        fits("agency-documents");
        submitAndWait(By.cssSelector("#doc-" + document + " a.decide-link"));
        assertEquals(String.valueOf(document), new Select(browser.findElement(By.id("d-document")))
                .getFirstSelectedOption().getDomAttribute("value"));
        new Select(browser.findElement(By.id("d-decision"))).selectByValue("HELD_FOR_INSPECTION");
        String comment = "agency console " + UUID.randomUUID();
        browser.findElement(By.id("d-comment")).sendKeys(comment);
        submitAndWait(By.id("decision-submit"));
        assertEquals("ok", browser.findElement(By.id("decided")).getDomAttribute("class"),
                browser.findElement(By.id("decided")).getText());
        assertTrue(browser.findElement(By.cssSelector("#doc-" + document + " td.decision")).getText()
                .startsWith("HELD_FOR_INSPECTION"));
        fits("agency-decided");
        assertTrue(gw.getAs(ApiTokens.OPERATOR, "/api/messages/" + message).body().contains("CED: HELD_FOR_INSPECTION"),
                "the decision is on the message's timeline, as one by API");
        String audit = gw.getAs(ApiTokens.OPERATOR, "/api/audit").body().replaceAll("\\s+", " ");
        assertTrue(audit.contains("\"user\" : \"ced\"") && audit.contains(comment), "the comment is in the audit log");
    }

    @Test
    void a_decision_without_a_comment_is_not_recorded() throws Exception {
        signIn("ced", "ced-DEMO-ONLY-password");
        browser.get(base + "/console/agency");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('d-comment').removeAttribute('required');");
        new Select(browser.findElement(By.id("d-decision"))).selectByValue("RELEASED");
        submitAndWait(By.id("decision-submit"));
        assertEquals("error", browser.findElement(By.id("decided")).getDomAttribute("class"));
        assertFalse(gw.getAs(ApiTokens.OPERATOR, "/api/messages/" + message).body().contains("CED: RELEASED"));
    }

    @Test
    void another_agency_cannot_decide_on_the_document_by_a_crafted_post() throws Exception {
        signIn("tid", "tid-DEMO-ONLY-password");
        browser.get(base + "/console/agency");
        assertTrue(browser.findElements(By.id("doc-" + document)).isEmpty(), "TID does not see CED's document");
        fits("agency-other");
        String csrf = browser.findElement(By.cssSelector("form.inline input[name=csrf]")).getDomAttribute("value");
        Cookie session = browser.manage().getCookieNamed(ConsoleServer.COOKIE);
        String comment = "crafted " + UUID.randomUUID();
        for (String agency : new String[]{"", "CED"}) {
            assertEquals(403, post(session.getValue(), "/console/agency/decision", Map.of("csrf", csrf,
                    "documentId", String.valueOf(document), "decision", "REJECTED", "reasons", "crafted",
                    "comment", comment, "agency", agency)), "as TID, agency field '" + agency + "'");
        }
        assertFalse(gw.getAs(ApiTokens.OPERATOR, "/api/messages/" + message).body().contains("TID: REJECTED"),
                "nothing recorded");
        assertFalse(gw.getAs(ApiTokens.OPERATOR, "/api/messages/" + message).body().contains("CED: REJECTED"),
                "nor in CED's name");
    }

    @Test
    void a_partner_preflights_a_file_and_reads_the_errors_next_to_its_segments() throws Exception {
        String sample = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"));
        String before = gw.getAs(ApiTokens.OPERATOR, "/api/messages?partner=DEMOFWD").body();
        signIn("demofwd", "demofwd-DEMO-ONLY-password");
        submitAndWait(By.id("nav-preflight"));
        paste(sample);
        assertEquals("ok", browser.findElement(By.id("verdict")).getDomAttribute("class"),
                browser.findElement(By.id("verdict")).getText());
        assertTrue(browser.findElement(By.id("unit-1")).getText().startsWith("1 UNB+"), "segments numbered from UNB");
        assertTrue(browser.findElements(By.cssSelector("tr.bad")).isEmpty());
        paste(sample.replace("UNT+40+1'", "UNT+41+1'"));
        assertEquals("error", browser.findElement(By.id("verdict")).getDomAttribute("class"));
        java.util.List<org.openqa.selenium.WebElement> bad = browser.findElements(By.cssSelector("tr.bad"));
        assertFalse(bad.isEmpty(), "an error is shown next to a segment");
        assertTrue(bad.stream().anyMatch(tr -> tr.getText().contains("UNT+41+1")
                && !tr.findElement(By.cssSelector("td.located")).getText().isBlank()),
                "the wrong count is shown next to the UNT segment: " + bad.get(0).getText());
        assertFalse(browser.findElements(By.cssSelector("pre.answer")).isEmpty(), "the CONTRL it would get is shown");
        fits("partner-preflight");
        String after = gw.getAs(ApiTokens.OPERATOR, "/api/messages?partner=DEMOFWD").body();
        assertEquals(before.split("\"id\"", -1).length, after.split("\"id\"", -1).length, "nothing was stored");
    }

    @Test
    void a_partner_uploads_a_file_in_its_declared_charset_and_reads_the_error_next_to_its_segment() throws Exception {
        String sample = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"));
        // UNOC is ISO-8859-1: the upload is those bytes (the \u00d6 is one byte), not UTF-8
        byte[] file = sample.replace("UNT+40+1'", "UNT+41+1'").replace("IMPORT ?+ EXPORT", "IMPORT ?+ EXP\u00d6RT")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path upload = dir.resolve("upload-unoc.edi");
        Files.write(upload, file);
        String before = gw.getAs(ApiTokens.OPERATOR, "/api/messages?partner=DEMOFWD").body();
        signIn("demofwd", "demofwd-DEMO-ONLY-password");
        submitAndWait(By.id("nav-preflight"));
        browser.findElement(By.id("u-file")).sendKeys(upload.toString());
        submitAndWait(By.id("upload-submit"));
        assertTrue(browser.findElement(By.id("preflight-uploaded")).getText().contains("upload-unoc.edi"));
        assertEquals("error", browser.findElement(By.id("verdict")).getDomAttribute("class"));
        java.util.List<WebElement> bad = browser.findElements(By.cssSelector("tr.bad"));
        assertTrue(bad.stream().anyMatch(tr -> tr.getText().contains("UNT+41+1")
                && !tr.findElement(By.cssSelector("td.located")).getText().isBlank()),
                "the wrong count is shown next to the UNT segment: " + (bad.isEmpty() ? "none" : bad.get(0).getText()));
        assertTrue(browser.findElement(By.id("lines")).getText().contains("IMPORT ?+ EXP\u00d6RT"),
                "the segment is shown in the charset UNB declares (UNOC)");
        fits("partner-preflight-upload");
        String after = gw.getAs(ApiTokens.OPERATOR, "/api/messages?partner=DEMOFWD").body();
        assertEquals(before.split("\"id\"", -1).length, after.split("\"id\"", -1).length, "nothing was stored");

        String session = browser.manage().getCookieNamed(ConsoleServer.COOKIE).getValue();
        String csrf = browser.findElement(By.cssSelector("#preflight-upload input[name=csrf]")).getDomAttribute("value");
        assertEquals(403, upload(session, Map.of(), "no-token.edi", file, false).statusCode(),
                "an upload without the CSRF token is refused");
        assertEquals(403, upload(session, Map.of("csrf", "x" + csrf), "bad-token.edi", file, false).statusCode());
        java.net.http.HttpResponse<String> control = upload(session, Map.of("csrf", csrf), "token.edi", file, false);
        assertEquals(200, control.statusCode(), "the same upload with the session's token is checked");
        assertTrue(control.body().contains("id=\"verdict\""));
    }

    @Test
    void an_upload_larger_than_the_limit_is_refused_with_a_message() throws Exception {
        signIn("demofwd", "demofwd-DEMO-ONLY-password");
        browser.get(base + "/console/preflight");
        String session = browser.manage().getCookieNamed(ConsoleServer.COOKIE).getValue();
        String csrf = browser.findElement(By.cssSelector("#preflight-upload input[name=csrf]")).getDomAttribute("value");
        byte[] big = new byte[UPLOAD_MAX * 3];
        java.util.Arrays.fill(big, (byte) 'A');
        for (boolean chunked : new boolean[] {false, true}) {
            java.net.http.HttpResponse<String> r = upload(session, Map.of("csrf", csrf), "big.edi", big, chunked);
            assertEquals(413, r.statusCode(), chunked ? "sent without a length" : "declared too large");
            assertTrue(r.body().contains("id=\"preflight-too-large\""), r.body());
        }
        // 32 MiB, far more than the sockets' buffers hold, written to the end before the answer is read: unless the
        // gateway reads and drops the body before it answers and closes, the client gets a reset, not the answer
        String allFirst = uploadWritingAllFirst(session, 32 * 1024 * 1024);
        assertTrue(allFirst.startsWith("HTTP/1.1 413"), allFirst.lines().findFirst().orElse("no answer"));
        assertTrue(allFirst.contains("id=\"preflight-too-large\""), allFirst);
        byte[] justFits = Files.readAllBytes(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"));
        assertEquals(200, upload(session, Map.of("csrf", csrf), "small.edi", justFits, true).statusCode(),
                "a file within the limit, sent without a length, is checked");
        assertEquals(400, post(session, "/console/preflight/upload", Map.of("csrf", csrf, "file", "UNB+UNOC:3'")),
                "a form that is no multipart upload is refused");
    }

    private void paste(String file) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id("p-file")), file);
        submitAndWait(By.id("preflight-submit"));
    }

    @Test
    void the_operator_replays_a_delivered_message_and_it_is_delivered_again_as_a_linked_message() throws Exception {
        await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/messages/" + message).body()
                .contains("\"state\" : \"DELIVERED\""));
        signIn("operator", "operator-DEMO-ONLY-password");
        browser.get(base + "/console/messages/" + message);
        String comment = "replay test " + UUID.randomUUID();
        browser.findElement(By.id("replay-comment")).sendKeys(comment);
        submitAndWait(By.id("replay-submit"));
        assertEquals("ok", browser.findElement(By.id("replayed")).getDomAttribute("class"));
        assertEquals(String.valueOf(message), browser.findElement(By.id("m-replay-of")).getText());
        long replay = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/console/messages/(\\d+).*", "$1"));
        assertTrue(replay != message, "a second message");
        fits("operator-replay");
        await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/messages/" + replay).body()
                .contains("\"state\" : \"DELIVERED\""));
        String first = gw.get("/api/messages/" + message).body();
        String second = gw.get("/api/messages/" + replay).body();
        assertTrue(second.contains("\"replayOf\" : " + message), second);
        assertTrue(second.contains("replay of interchange " + message), "the timeline says what it replays");
        assertTrue(first.contains("replayed as interchange " + replay), "and the first says where it went");
        assertTrue(second.contains("\"agency\" : \"CED\""), "delivered to its agency again");
        String key = "\"idempotencyKey\" : \"";
        assertTrue(second.contains(key), second);
        String firstKey = first.substring(first.indexOf(key)).split("\"")[3];
        String secondKey = second.substring(second.indexOf(key)).split("\"")[3];
        assertTrue(!firstKey.equals(secondKey), "new idempotency keys: " + firstKey + " / " + secondKey);
        assertTrue(second.contains("\"kind\" : \"replay\""), "the partner was told it is a replay: " + second);
        String audit = gw.getAs(ApiTokens.OPERATOR, "/api/audit").body();
        assertTrue(audit.contains("REPLAY") && audit.contains(comment), "the comment is in the audit log");
    }

    @Test
    void the_operator_reloads_the_configuration_and_a_refused_file_is_shown_with_its_name() throws Exception {
        signIn("operator", "operator-DEMO-ONLY-password");
        submitAndWait(By.id("nav-config"));
        assertEquals(1, browser.findElements(By.id("config-nodes")).size(), "the nodes' generations are shown");
        Path broken = gw.config.resolve("partners/BROKEN.xml");
        Files.writeString(broken, "<partner xmlns=\"urn:hk:tsw:config:partner:1\"><id>BROKEN</id></partner>\n");
        try {
            browser.findElement(By.id("reload-comment")).sendKeys("console reload with a broken file");
            submitAndWait(By.id("reload-submit"));
            WebElement refused = browser.findElement(By.id("reloaded"));
            assertEquals("error", refused.getDomAttribute("class"));
            assertTrue(refused.getText().contains("config/partners/BROKEN.xml"), refused.getText());
            fits("operator-config-refused");
        } finally {
            Files.delete(broken);
        }
        // without the form's CSRF token the same session's post does nothing
        Cookie session = browser.manage().getCookieNamed(ConsoleServer.COOKIE);
        assertEquals(403, post(session.getValue(), "/console/config/reload", Map.of("comment", "crafted")));
        String comment = "console reload " + UUID.randomUUID();
        browser.findElement(By.id("reload-comment")).sendKeys(comment);
        submitAndWait(By.id("reload-submit"));
        assertEquals("ok", browser.findElement(By.id("reloaded")).getDomAttribute("class"));
        fits("operator-config-reloaded");
        String audit = gw.getAs(ApiTokens.OPERATOR, "/api/audit").body();
        assertTrue(audit.contains("CONFIG_RELOAD") && audit.contains(comment), "the reload is in the audit log");
        assertFalse(audit.contains("crafted"), "the crafted post did nothing");
    }

    @Test
    void a_user_removed_by_a_reload_is_signed_out_of_the_console() throws Exception {
        signIn("tid", "tid-DEMO-ONLY-password");
        browser.get(base + "/console/agency");
        assertTrue(browser.findElements(By.id("username")).isEmpty(), "the control: signed in, no login form");
        Path file = gw.config.resolve("users/tid.xml");
        String kept = Files.readString(file);
        Files.delete(file);
        try {
            assertEquals(200, reloadAsOperator("TID's console user leaves"));
            browser.get(base + "/console/agency");
            assertEquals(1, browser.findElements(By.id("username")).size(), "sent to the login page");
        } finally {
            Files.writeString(file, kept);
            assertEquals(200, reloadAsOperator("TID's console user back"));
        }
    }

    private static int reloadAsOperator(String comment) throws Exception {
        return gw.send(ApiTokens.OPERATOR, gw.request("/api/config/reload?comment="
                + URLEncoder.encode(comment, StandardCharsets.UTF_8)).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode();
    }
}
