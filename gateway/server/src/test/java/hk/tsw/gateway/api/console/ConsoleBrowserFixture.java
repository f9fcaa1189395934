package hk.tsw.gateway.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every console browser test class shares: one running gateway per class (started by {@link #start} with the
 * class's own agency endpoints, settings and config edits), with the demo forwarder's import sample received and
 * its id in {@link #message}; a fresh headless Chromium per test ({@link #signIn}), closed after the test with a last
 * screenshot; and the page checks ({@link #fits}: no horizontal scrolling at 1366x768, screenshot kept under
 * {@link #SHOTS}). Test classes run one after another (Surefire runs no classes in parallel here), so the static
 * fields belong to the class running.
 */
abstract class ConsoleBrowserFixture {

    static final Path SHOTS = TestEngine.REPO.resolve("gateway/server/target/screenshots");

    static RunningGateway gw;
    static long message;
    static String base;

    ChromeDriver browser;

    /**
     * Starts the gateway in {@code dir} and sends the demo import sample as DEMOFWD by SFTP (file {@code fileName});
     * returns once the message is routed and its first answer recorded (its id in {@link #message}).
     */
    static void start(Path dir, String fileName, Map<String, String> agencies, Map<String, String> settings,
                      RunningGateway.ConfigEdit edit) throws Exception {
        ChromiumBrowser.requireChromium();
        gw = new RunningGateway(dir, agencies, settings, Map.of(), edit);
        base = "http://127.0.0.1:" + gw.httpPort;
        gw.uploadRetrying("demofwd", fileName, Files.readAllBytes(TestEngine.REPO.resolve(
                "config/demo/samples/demofwd-import.edi")));
        await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/messages?reference=WH25031200017").body()
                .contains("\"id\""));
        message = Long.parseLong(gw.get("/api/messages?reference=WH25031200017").body()
                .replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/messages/" + message).body()
                .contains("\"agency\" : \"CED\""));
        // the answer to the sender is recorded on its own path, not with the deliveries: wait for it too
        await().atMost(Duration.ofSeconds(180)).until(() -> gw.getAs(ApiTokens.DEMOFWD,
                "/api/messages/" + message + "/answers/1").statusCode() == 200);
        Files.createDirectories(SHOTS);
    }

    static void start(Path dir, String fileName) throws Exception {
        start(dir, fileName, Map.of(), Map.of(), c -> { });
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
            gw = null;
        }
    }

    @AfterEach
    void quit(TestInfo test) throws Exception {
        if (browser != null) {
            screenshot(test.getTestMethod().orElseThrow().getName() + "-last");
            browser.quit();
        }
    }

    /** Signs in (a browser is opened for the first one) and checks the dashboard greets this user. */
    void signIn(String user, String password) {
        typeLogin(user, password);
        assertEquals(1, browser.findElements(By.id("page-dashboard")).size(), "signed in as " + user + ": "
                + browser.getCurrentUrl());
        assertEquals(user, browser.findElement(By.id("who")).getText().split(" ")[0]);
    }

    void typeLogin(String user, String password) {
        if (browser == null) {
            browser = ChromiumBrowser.chrome();
        }
        browser.get(base + "/console/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        submitAndWait(By.id("login-submit"));
    }

    /**
     * Clicks {@code button} (a submit, or a link to another page) and waits for the page that answers: the page
     * clicked on is marked first and the new page starts without the mark, so what the test reads next is the new
     * page's. Asking the old element whether it is stale is not portable: newer chromedrivers answer "node does not
     * belong to the document" (a plain WebDriverException) instead.
     */
    void submitAndWait(By button) {
        ((JavascriptExecutor) browser).executeScript("window.tswFormPage = true;");
        browser.findElement(button).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60)).until(b ->
                Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript(
                        "return window.tswFormPage !== true && document.readyState === 'complete';")));
    }

    /** The page fits the 1366x768 window without horizontal scrolling; a screenshot is kept. */
    void fits(String name) throws Exception {
        ChromiumBrowser.fits(browser, SHOTS, name);
    }

    void screenshot(String name) throws Exception {
        ChromiumBrowser.screenshot(browser, SHOTS, name);
    }

    /** POSTs a form outside the browser with this session cookie; the status. */
    static int post(String session, String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", ConsoleServer.COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /**
     * POSTs a multipart/form-data form with one file outside the browser, with this session cookie ({@code chunked}:
     * without a Content-Length). The multipart body is built here, in the test, as any HTTP client would.
     */
    static HttpResponse<String> upload(String session, Map<String, String> fields, String fileName, byte[] file,
                                       boolean chunked) throws Exception {
        String boundary = "tsw" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/console/preflight/upload"))
                .header("Cookie", ConsoleServer.COOKIE + "=" + session)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                        : HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(post, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * POSTs a multipart upload of {@code size} bytes, declared by its Content-Length, the way many clients do: the
     * whole body is written before the answer is read (a raw socket, no HTTP client that reads while it writes).
     * The status line and the rest of the answer, as text.
     */
    static String uploadWritingAllFirst(String session, int size) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(120_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /console/preflight/upload HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nCookie: " + ConsoleServer.COOKIE + "=" + session
                    + "\r\nContent-Type: multipart/form-data; boundary=tswallfirst\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'A');
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - sent));
            }
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
