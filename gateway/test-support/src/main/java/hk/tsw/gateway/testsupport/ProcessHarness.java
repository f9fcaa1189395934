package hk.tsw.gateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * One gateway as a separate JVM on fixed loopback ports over one data folder, with CED as an HTTP agency stub
 * keeping an fsync'd ledger: started, killed, halted by a fault switch and started again, as a scenario needs.
 * Every wait is bounded: a gateway that stops taking uploads fails the test with its log, never hangs it.
 */
public final class ProcessHarness implements AutoCloseable {

    /** How long a partner keeps retrying one upload before the test fails. */
    public static final Duration UPLOAD_PATIENCE = Duration.ofMinutes(3);
    /** After refusals for this long the gateway's threads are dumped once, and again at the end of the patience. */
    public static final Duration STALL_DUMP_AFTER = Duration.ofSeconds(45);

    public final Path dir;
    public final Path config;
    public final Path data;
    public final AgencyStub ced;
    public final int httpPort;
    public final int sftpPort;
    public final int as2Port;
    public final int soapPort;
    public GatewayProcess gateway;
    /** Why the last refused upload was refused, as the partner's SFTP client saw it. */
    private volatile String lastRefusal = "none";

    public ProcessHarness(Path dir) throws Exception {
        this.dir = dir;
        this.ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        this.config = dir.resolve("config");
        this.data = dir.resolve("data");
        RunningGatewayFiles.copyConfig(config, Map.of("CED", ced.url()));
        this.httpPort = RunningGateway.freePort();
        this.sftpPort = RunningGateway.freePort();
        this.as2Port = RunningGateway.freePort();
        this.soapPort = RunningGateway.freePort();
    }

    /** Starts (or starts again) the gateway with the base settings plus {@code extra} (e.g. a fault switch). */
    public void start(Map<String, String> extra) throws Exception {
        start(extra, List.of("-Xmx512m"));
    }

    /** As {@link #start(Map)} with these JVM options instead of the default heap (e.g. {@code -Xmx256m}). */
    public void start(Map<String, String> extra, List<String> jvmArgs) throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.mappings.dir", ProjectRoot.REPO.resolve("mappings").toString());
        s.put("gateway.xsd.dir", ProjectRoot.REPO.resolve("xsd").toString());
        s.put("gateway.dfdl.cache.dir", ProjectRoot.DFDL_CACHE.toString());
        s.put("gateway.secrets.file", "");
        s.put("gateway.sftp.port", String.valueOf(sftpPort));
        s.put("gateway.as2.port", String.valueOf(as2Port));
        s.put("gateway.soap.port", String.valueOf(soapPort));
        s.put("gateway.broker.acceptor", "");
        s.put("gateway.sftp.settle.ms", "300");
        // scenarios other than disk pressure must not depend on how full the build machine's disk is
        s.put("gateway.disk.max.usage.percent", "99");
        s.put("gateway.intake.disk.headroom.percent", "1");
        s.put("gateway.delivery.redelivery.delay.ms", "200");
        s.putAll(extra);
        gateway = new GatewayProcess(config, data, httpPort, s).jvmArgs(jvmArgs);
        gateway.start();
    }

    /** The gateway's health with every check's details ({@code /observe/health?exposureLevel=full}), "" if no answer. */
    public String health() {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return http.send(ApiTokens.asOperator(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
                            + "/observe/health?exposureLevel=full"))).timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public Invariants invariants() {
        return new Invariants(httpPort);
    }

    /** The demo declaration under its own references: interchange {@code ref}, document {@code DOC-ref}. */
    public static byte[] declaration(String ref) throws Exception {
        String edi = Files.readString(ProjectRoot.REPO.resolve("config/demo/samples/demofwd-import.edi"), StandardCharsets.ISO_8859_1);
        return edi.replace("WH25031200017", ref).replace("HKIMP2025031200017", "DOC-" + ref)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Uploads as DEMOFWD over real SFTP, retrying (as a partner's scheduler does) while the gateway refuses or is
     * down, for at most {@link #UPLOAD_PATIENCE}; {@code whileRefused} runs between attempts (e.g. a restart).
     */
    public void uploadUntilTaken(String fileName, byte[] content, Runnable whileRefused) throws Exception {
        long start = System.nanoTime();
        long deadline = start + UPLOAD_PATIENCE.toNanos();
        boolean dumped = false;
        while (!upload(fileName, content)) {
            if (System.nanoTime() > deadline) {
                String alive = "gateway process alive: " + (gateway != null && gateway.alive());
                stalled("no upload of " + fileName + " taken for " + UPLOAD_PATIENCE);
                // the cause in the failure's own line: a CI report may show that line and nothing else
                throw new AssertionError("the gateway took no upload of " + fileName + " for " + UPLOAD_PATIENCE
                        + " (" + alive + "; last refusal: " + lastRefusal + "; intake as the gateway's health tells it: "
                        + intakeHealth() + "; the threads of the gateway and of the test JVM are in the dumps below)");
            }
            if (!dumped && gateway != null && gateway.alive() && System.nanoTime() - start > STALL_DUMP_AFTER.toNanos()) {
                // two dumps minutes apart tell a stuck thread from a slow one
                stalled("no upload of " + fileName + " taken for " + STALL_DUMP_AFTER);
                dumped = true;
            }
            whileRefused.run();
            Thread.sleep(200);
        }
    }

    /**
     * A stall: the gateway's threads and this JVM's (the partner's SSH client is shared by the whole test JVM, so a
     * stuck client looks like a silent gateway), and whether a fresh SSH client can still log in and list the outbox.
     */
    private void stalled(String why) {
        if (gateway == null) {
            return;
        }
        gateway.threadDump(why);
        if (gateway.log() != null) {
            ThreadDumps.ofThisJvm(gateway.log(), why);
        }
        System.out.println("stall (" + why + "): " + PartnerSftp.probeWithFreshClient("demofwd", sftpPort));
    }

    /** Uploads as DEMOFWD over real SFTP; true when the upload completed. */
    public boolean upload(String fileName, byte[] content) {
        try (PartnerSftp sftp = new PartnerSftp("demofwd", sftpPort)) {
            sftp.upload(fileName, content);
            return true;
        } catch (Exception e) {
            System.out.println("upload of " + fileName + " failed: " + e);
            lastRefusal = String.valueOf(e);
            return false;
        }
    }

    /**
     * The health checks that decide whether intake is open ({@code tsw/intake}: the disk guard with its figures;
     * {@code tsw/broker}: the broker's reachability), as the gateway's health endpoint reports them now.
     */
    private String intakeHealth() {
        String h = health();
        if (h.isEmpty()) {
            return "no answer";
        }
        try {
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode c : new com.fasterxml.jackson.databind.ObjectMapper().readTree(h)
                    .path("checks")) {
                String name = c.path("name").asText();
                if (name.equals("intake") || name.equals("broker")) {
                    parts.add(c.toString());
                }
            }
            return parts.isEmpty() ? h : String.join(", ", parts);
        } catch (java.io.IOException e) {
            return h;
        }
    }

    /** What DEMOFWD finds in its outbox over real SFTP (the answers' file names); empty if the gateway does not answer. */
    public java.util.SortedSet<String> outbox() {
        try (PartnerSftp sftp = new PartnerSftp("demofwd", sftpPort)) {
            return sftp.list("outbox");
        } catch (Exception e) {
            System.out.println("outbox not listed: " + e);
            return new java.util.TreeSet<>();
        }
    }

    @Override
    public void close() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        ced.close();
    }
}
