package hk.tsw.gateway.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console in a real browser (headless Debian Chromium at 1366x768 through Selenium and Debian's chromedriver):
 * sign-in per role, search, the message page, the operator's redeliver with a comment that lands in the audit log, and
 * the refusals: another partner's message by URL (404 page), an agency's view of a message not routed to it, a POST
 * without the CSRF token (403), a signed-out session (403), five wrong passwords (locked). Every page visited is
 * checked for horizontal scrolling, and each test leaves a screenshot in gateway/server/target/screenshots/.
 */
class ConsoleBrowserTest extends ConsoleBrowserFixture {

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        start(dir, "console.edi");
    }

    @Test
    void operator_signs_in_searches_opens_a_message_and_redelivers_it_with_a_comment() throws Exception {
        signIn("operator", "operator-DEMO-ONLY-password");
        assertTrue(browser.findElement(By.id("chart")).isDisplayed());
        assertTrue(browser.findElements(By.id("queues")).size() == 1, "an operator sees the queue depths");
        fits("operator-dashboard");
        submitAndWait(By.id("nav-search"));
        browser.findElement(By.id("q-reference")).sendKeys("WH25031200017");
        submitAndWait(By.id("search-submit"));
        fits("operator-search");
        submitAndWait(By.cssSelector("a.msg-link"));
        assertEquals("WH25031200017", browser.findElement(By.id("m-reference")).getText());
        assertTrue(browser.findElement(By.id("raw")).getText().contains("UNB+"), "the raw payload is shown");
        assertFalse(browser.findElements(By.cssSelector("pre.document")).isEmpty(), "the canonical documents are shown");
        assertFalse(browser.findElements(By.cssSelector("pre.answer")).isEmpty(), "the answers sent are shown");
        fits("operator-message");
        String comment = "console test " + UUID.randomUUID();
        browser.findElement(By.id("comment")).sendKeys(comment);
        submitAndWait(By.id("redeliver-submit"));
        assertTrue(browser.findElement(By.id("redelivered")).isDisplayed());
        submitAndWait(By.id("nav-audit"));
        assertTrue(browser.findElement(By.id("audit")).getText().contains(comment), "the comment is in the audit log");
        fits("operator-audit");
        assertTrue(gw.getAs(ApiTokens.OPERATOR, "/api/audit").body().contains(comment), "and in the API's audit log");
    }

    @Test
    void a_partner_sees_its_own_message_but_not_another_partners_by_url() throws Exception {
        signIn("demofwd", "demofwd-DEMO-ONLY-password");
        browser.get(base + "/console/messages/" + message);
        assertEquals("DEMOFWD", browser.findElement(By.id("m-partner")).getText());
        assertTrue(browser.findElements(By.id("redeliver")).isEmpty(), "a partner has no redeliver action");
        fits("partner-own-message");
        submitAndWait(By.id("logout"));
        signIn("demoline", "demoline-DEMO-ONLY-password");
        assertTrue(browser.findElements(By.id("queues")).isEmpty(), "a partner does not see the queue depths");
        browser.get(base + "/console/messages/" + message);
        assertEquals("404", browser.findElement(By.id("error-status")).getText());
        browser.get(base + "/console/messages/999999999");
        assertEquals("404", browser.findElement(By.id("error-status")).getText(), "the same page as a missing one");
        fits("partner-other-message");
    }

    @Test
    void an_agency_sees_what_was_routed_to_it_only() throws Exception {
        signIn("ced", "ced-DEMO-ONLY-password");
        browser.get(base + "/console/search?reference=WH25031200017");
        assertFalse(browser.findElements(By.cssSelector("a.msg-link")).isEmpty(), "CED finds the message routed to it");
        submitAndWait(By.cssSelector("a.msg-link"));
        assertEquals("WH25031200017", browser.findElement(By.id("m-reference")).getText());
        fits("agency-message");
        submitAndWait(By.id("logout"));
        signIn("tid", "tid-DEMO-ONLY-password");
        browser.get(base + "/console/search?reference=WH25031200017");
        assertTrue(browser.findElements(By.cssSelector("a.msg-link")).isEmpty(), "TID does not find it");
        browser.get(base + "/console/messages/" + message);
        assertEquals("404", browser.findElement(By.id("error-status")).getText());
        fits("agency-other-message");
    }

    @Test
    void a_post_without_the_csrf_token_is_refused() throws Exception {
        signIn("operator", "operator-DEMO-ONLY-password");
        browser.get(base + "/console/messages/" + message);
        String comment = "no csrf " + UUID.randomUUID();
        browser.findElement(By.id("comment")).sendKeys(comment);
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('#redeliver input[name=csrf]').remove();");
        submitAndWait(By.id("redeliver-submit"));
        assertEquals("403", browser.findElement(By.id("error-status")).getText());
        fits("csrf-refused");
        assertFalse(gw.getAs(ApiTokens.OPERATOR, "/api/audit").body().contains(comment), "nothing was done");
        // the control: the same form with its token is accepted
        browser.get(base + "/console/messages/" + message);
        browser.findElement(By.id("comment")).sendKeys(comment);
        submitAndWait(By.id("redeliver-submit"));
        assertTrue(browser.findElement(By.id("redelivered")).isDisplayed());
        assertTrue(gw.getAs(ApiTokens.OPERATOR, "/api/audit").body().contains(comment));
    }

    @Test
    void a_signed_out_session_cannot_act() throws Exception {
        signIn("operator", "operator-DEMO-ONLY-password");
        browser.get(base + "/console/messages/" + message);
        String csrf = browser.findElement(By.cssSelector("#redeliver input[name=csrf]")).getDomAttribute("value");
        Cookie session = browser.manage().getCookieNamed(ConsoleServer.COOKIE);
        assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
        assertEquals("Strict", session.getSameSite());
        assertEquals(303, redeliverWith(session.getValue(), csrf, "control " + UUID.randomUUID()),
                "the control: the live session and its token are accepted (redirect back to the message)");
        submitAndWait(By.id("logout"));
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"));
        String comment = "after logout " + UUID.randomUUID();
        assertEquals(403, redeliverWith(session.getValue(), csrf, comment));
        assertFalse(gw.getAs(ApiTokens.OPERATOR, "/api/audit").body().contains(comment));
        browser.get(base + "/console/");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), "the pages send a signed-out browser to the login");
        fits("signed-out");
    }

    @Test
    void five_wrong_passwords_lock_the_account() throws Exception {
        for (int i = 0; i < 5; i++) {
            typeLogin("ofca", "wrong-" + i);
            assertTrue(browser.findElements(By.id("login-error")).size() == 1);
        }
        typeLogin("ofca", "ofca-DEMO-ONLY-password");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), "still at the login: " + browser.getCurrentUrl());
        assertTrue(browser.findElement(By.id("login-error")).getText().contains("locked"),
                browser.findElement(By.id("login-error")).getText());
        fits("locked");
    }

    @Test
    void the_labels_switch_to_traditional_chinese() throws Exception {
        signIn("operator", "operator-DEMO-ONLY-password");
        submitAndWait(By.id("lang-zh"));
        assertEquals("概覽", browser.findElement(By.id("nav-dashboard")).getText());
        assertFalse(browser.getPageSource().contains("??"), "every label has its translation");
        fits("dashboard-zh-HK");
        submitAndWait(By.id("lang-en"));
        assertEquals("Dashboard", browser.findElement(By.id("nav-dashboard")).getText());
    }

    @Test
    void every_console_answer_carries_the_security_headers() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : new String[]{"/console/login", "/console/", "/console/static/console.css", "/console/nothing"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("default-src 'self'; frame-ancestors 'none'",
                    r.headers().firstValue("Content-Security-Policy").orElse(null), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/console/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        String attributes = cookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(cookie.startsWith(ConsoleServer.COOKIE + "=") && attributes.contains("; httponly")
                && attributes.contains("; samesite=strict") && attributes.contains("; path=/console")
                && !attributes.contains("secure"),
                "plain HTTP: no Secure flag; " + cookie);
        assertTrue(cookie.split(";")[0].length() >= ConsoleServer.COOKIE.length() + 1 + 43, "256 bits: " + cookie);
    }

    @Test
    void a_user_changes_the_password_and_only_the_new_one_signs_in() throws Exception {
        signIn("csd", "csd-DEMO-ONLY-password");
        submitAndWait(By.id("nav-password"));
        browser.findElement(By.id("current")).sendKeys("csd-DEMO-ONLY-password");
        browser.findElement(By.id("next")).sendKeys("csd-changed-in-console-1");
        browser.findElement(By.id("repeat")).sendKeys("csd-changed-in-console-1");
        submitAndWait(By.id("password-submit"));
        assertEquals("ok", browser.findElement(By.id("password-message")).getDomAttribute("class"));
        fits("password-changed");
        submitAndWait(By.id("logout"));
        typeLogin("csd", "csd-DEMO-ONLY-password");
        assertEquals(1, browser.findElements(By.id("login-error")).size(), "the old password no longer signs in");
        signIn("csd", "csd-changed-in-console-1");
    }

    @Test
    void the_api_serves_the_raw_payload_its_documents_and_its_answers() throws Exception {
        byte[] sent = Files.readAllBytes(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"));
        HttpResponse<byte[]> raw = HttpClient.newHttpClient().send(gw.request("/api/messages/" + message + "/raw")
                .header("Authorization", "Bearer " + ApiTokens.DEMOFWD).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, raw.statusCode());
        assertTrue(java.util.Arrays.equals(sent, raw.body()), "the bytes as received");
        HttpResponse<String> doc = gw.getAs(ApiTokens.CED, "/api/messages/" + message + "/documents/1");
        assertEquals(200, doc.statusCode());
        assertTrue(doc.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        assertTrue(doc.body().startsWith("<"), doc.body());
        assertEquals(404, gw.getAs(ApiTokens.CED, "/api/messages/" + message + "/documents/99").statusCode());
        String detail = gw.getAs(ApiTokens.DEMOFWD, "/api/messages/" + message).body();
        assertTrue(detail.contains("\"answers\""), detail);
        HttpResponse<String> answer = gw.getAs(ApiTokens.DEMOFWD, "/api/messages/" + message + "/answers/1");
        assertEquals(200, answer.statusCode());
        assertFalse(answer.headers().firstValue("X-TSW-Kind").orElse("").isEmpty());
        assertEquals(404, gw.getAs(ApiTokens.DEMOLINE, "/api/messages/" + message + "/answers/1").statusCode(),
                "another partner: 404");
    }

    /** POSTs the redeliver form outside the browser with this session cookie and token; the status. */
    private int redeliverWith(String session, String csrf, String comment) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/console/messages/" + message + "/redeliver"))
                .header("Cookie", ConsoleServer.COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&comment="
                        + java.net.URLEncoder.encode(comment, java.nio.charset.StandardCharsets.UTF_8))).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
