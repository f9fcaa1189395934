package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.WebhookReceiver;

/**
 * The running gateway end to end, with real parts: partners upload over SFTP with their keys, the embedded Artemis
 * and H2 carry the work, CED is a real HTTP agency on loopback and CSD/TID folders. Each test uses its own
 * interchange references, so they share one gateway. Subclasses choose the message store.
 */
abstract class GatewayPipelineContract {

    @TempDir
    static Path dir;
    static AgencyStub ced;
    static WebhookReceiver hooks;
    static RunningGateway gw;

    static void startWith(Map<String, String> settings) throws Exception {
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        hooks = new WebhookReceiver();
        hooks.failFirst(1);
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("gateway.webhook.DEMOLINE.secret", "demo-webhook-secret");
        all.put("gateway.webhook.poll.ms", "200");
        all.put("gateway.node.name", "pipeline-node");
        gw = new RunningGateway(dir, Map.of("CED", ced.url()), all, Map.of("DEMOLINE", hooks.url()));
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        if (ced != null) {
            ced.close();
        }
        if (hooks != null) {
            hooks.close();
        }
    }

    @Test
    void the_one_node_holds_every_singleton_and_says_so_on_the_api_and_in_its_metrics() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gw.get("/api/singletons").body());
        assertEquals("pipeline-node", json.get("node").asText());
        java.util.Set<String> held = new java.util.TreeSet<>();
        json.get("here").forEach(h -> {
            assertTrue(h.get("held").asBoolean(), "a single node holds what it wants: " + h);
            held.add(h.get("singleton").asText());
        });
        assertTrue(held.containsAll(java.util.Set.of("partner-webhooks", "as2-outbound", "retention")), held.toString());
        assertTrue(held.stream().anyMatch(n -> n.startsWith("sftp-receive@")), held.toString());
        java.util.Set<String> tenures = new java.util.TreeSet<>();
        json.get("tenures").forEach(t -> {
            if (held.contains(t.get("singleton").asText())) {
                assertEquals("pipeline-node", t.get("node").asText());
                assertTrue(t.get("stoppedAt").isNull(), "held now: " + t);
                tenures.add(t.get("singleton").asText());
            }
        });
        assertEquals(held, tenures);
        String metrics = gw.get("/observe/metrics").body();
        assertTrue(java.util.regex.Pattern.compile("(?m)^tsw_singleton_held\\{.*singleton=\"partner-webhooks\".*} 1\\.0$")
                .matcher(metrics).find(), metrics);
        assertTrue(metrics.contains("node=\"pipeline-node\""));
    }

    private static byte[] declaration(String sender, String reference) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"), StandardCharsets.ISO_8859_1);
        return edi.replace("DEMOFWD:ZZZ", sender).replace("WH25031200017", reference)
                .replace("HKIMP2025031200017", "DOC-" + reference).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** The gateway's document id for the interchange with this reference, or 0 while it has none. */
    private static long docId(String reference) throws Exception {
        return documentIdFor("DOC-" + reference);
    }

    /** The first document id of the message found by this reference (document number, B/L...), or 0. */
    private static long documentIdFor(String reference) throws Exception {
        String body = gw.get("/api/messages?reference=" + reference).body();
        if (!body.contains("\"id\"")) {
            return 0;
        }
        long interchange = Long.parseLong(body.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        String detail = gw.get("/api/messages/" + interchange).body();
        String docs = detail.substring(detail.indexOf("\"documents\""));
        return Long.parseLong(docs.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
    }

    @Test
    void an_uploaded_declaration_reaches_every_routed_agency_and_the_partner_gets_a_receipt() throws Exception {
        gw.upload("demofwd", "import-1.edi", declaration("DEMOFWD:ZZZ", "HAPPY1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(gw.data.resolve("agencies/OFCA/DOC-HAPPY1-"
                + docId("HAPPY1") + ".xml")) && Files.exists(gw.data.resolve("agencies/CSD/DOC-HAPPY1-" + docId("HAPPY1") + ".xml"))
                && ced.ledger().contains("tsw-doc-" + docId("HAPPY1") + "-CED"));
        assertTrue(Files.exists(gw.mailbox("DEMOFWD").resolve("outbox/HAPPY1.receipt.txt")));
        String contrl = Files.readString(gw.mailbox("DEMOFWD").resolve("outbox/HAPPY1.contrl.edi"), StandardCharsets.ISO_8859_1);
        assertTrue(contrl.contains("UCI+HAPPY1+DEMOFWD:ZZZ+HKTSWGW:ZZZ+7'UCM+1+CUSDEC:D:96A:UN+7'"), contrl);
        assertEquals(0, files(gw.mailbox("DEMOFWD").resolve("inbox")), "the file left the inbox");
        String list = gw.get("/api/messages?reference=HAPPY1").body();
        assertTrue(list.contains("\"reference\" : \"HAPPY1\""), list);
        long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        String detail = gw.get("/api/messages/" + id).body();
        for (String event : List.of("RECEIVED", "MAPPED", "ROUTED", "TRANSLATED", "CONTRL", "DELIVERED")) {
            assertTrue(detail.contains("\"type\" : \"" + event + "\""), event + " in " + detail);
        }
        assertTrue(gw.get("/observe/health").body().startsWith("{\"status\":\"UP\""), "the overall status, not one check's");
        // every document delivered to every agency: the message's state rolls up to DELIVERED (its stage TRANSLATED)
        await().atMost(Duration.ofSeconds(60)).until(() -> messageState(id).equals("DELIVERED"));
        assertEquals("TRANSLATED", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(gw.get("/api/messages/" + id).body()).get("stage").asText());
        assertTrue(list.replaceAll("\\s+", "").contains("\"documentNumbers\":[\"DOC-HAPPY1\"]"),
                "the partner's document number in the list: " + list);
    }

    @Test
    void a_cargo_manifest_reaches_ced_csd_and_tid_and_an_export_declaration_ced_and_csd() throws Exception {
        String manifest = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demoline-manifest.edi"),
                StandardCharsets.ISO_8859_1).replace("OOCL2503220001", "MANI1").replace("OOLU-HKG-0322-001", "DOC-MANI1");
        gw.upload("demoline", "manifest.edi", manifest.getBytes(StandardCharsets.ISO_8859_1));
        String export = Files.readString(TestEngine.REPO.resolve("mappings/cusdec-d96a/samples/hk-export-utf8.edi"),
                StandardCharsets.UTF_8).replace("HKTRADING88:ZZZ", "DEMOFWD:ZZZ").replace("HKT20250314A", "EXPO1")
                .replace("HKEXP2025031400233", "DOC-EXPO1");
        gw.upload("demofwd", "export.edi", export.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).until(() -> docId("MANI1") > 0 && docId("EXPO1") > 0
                && ced.ledger().contains("tsw-doc-" + docId("MANI1") + "-CED")
                && ced.ledger().contains("tsw-doc-" + docId("EXPO1") + "-CED")
                && Files.exists(gw.data.resolve("agencies/TID/DOC-MANI1-" + docId("MANI1") + ".xml"))
                && Files.exists(gw.data.resolve("agencies/CSD/DOC-MANI1-" + docId("MANI1") + ".xml"))
                && Files.exists(gw.data.resolve("agencies/CSD/DOC-EXPO1-" + docId("EXPO1") + ".xml")));
        String manifestXml = Files.readString(gw.data.resolve("agencies/TID/DOC-MANI1-" + docId("MANI1") + ".xml"));
        assertTrue(manifestXml.contains("<DocumentType>CARGO_MANIFEST</DocumentType>"), manifestXml);
        // the export cites a TID licence (DOC 811), so routing.xml's condition sends it to TID as well
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Files.exists(gw.data.resolve("agencies/TID/DOC-EXPO1-" + docId("EXPO1") + ".xml")));
        assertTrue(!Files.exists(gw.data.resolve("agencies/OFCA/DOC-EXPO1-" + docId("EXPO1") + ".xml")),
                "no HS-code condition for OFCA matches an export declaration");
        assertTrue(gw.get("/observe/metrics").body().contains("camel"), "Prometheus metrics are served");
        assertTrue(gw.get("/api/messages?reference=OOLU2712345670").body().contains("\"reference\" : \"MANI1\""),
                "found by its bill of lading");
        assertTrue(gw.get("/api/messages?reference=OOLU8812345").body().contains("\"reference\" : \"MANI1\""),
                "found by a container number");
    }

    @Test
    void an_agency_decision_reaches_the_sender_and_the_timeline_and_only_routed_agencies_may_decide() throws Exception {
        gw.upload("demofwd", "decide.edi", declaration("DEMOFWD:ZZZ", "DECIDE1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> docId("DECIDE1") > 0
                && ced.ledger().contains("tsw-doc-" + docId("DECIDE1") + "-CED"));
        String body = "{\"reference\":\"DOC-DECIDE1\",\"decision\":\"RELEASED\",\"agencyReference\":\"CED-1\","
                + "\"reasons\":[\"documents checked\"]}";
        assertEquals(201, gw.postJson("/api/agencies/CED/decisions", body).statusCode());
        assertEquals(200, gw.postJson("/api/agencies/CED/decisions", body).statusCode(), "a resend is recorded once");
        assertEquals(403, gw.postJson("/api/agencies/EPD/decisions", body).statusCode(), "EPD never received it");
        assertEquals(400, gw.postJson("/api/agencies/CED/decisions", body.replace("RELEASED", "MAYBE")).statusCode());
        assertEquals(404, gw.postJson("/api/agencies/CED/decisions", body.replace("DOC-DECIDE1", "NOPE")).statusCode());
        Path answer = gw.outbox("DEMOFWD", "DOC-DECIDE1.decision-CED-D", ".txt");
        assertTrue(Files.readString(answer).contains("RELEASED"));
        String cusres = Files.readString(gw.outbox("DEMOFWD", "DOC-DECIDE1.cusres-CED-D", ".edi"),
                StandardCharsets.ISO_8859_1);
        assertTrue(cusres.contains("UNH+1+CUSRES:D:96A:UN'") && cusres.contains("GIS+4'")
                && cusres.contains("RFF+AGO:DOC-DECIDE1'"), cusres);
        String list = gw.get("/api/messages?reference=DECIDE1").body();
        long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        String detail = gw.get("/api/messages/" + id).body();
        assertEquals(1, detail.split("\"type\" : \"DECISION\"", -1).length - 1, detail);
    }

    @Test
    void the_preflight_api_answers_like_a_real_submission_and_stores_and_forwards_nothing() throws Exception {
        byte[] bad = new String(declaration("DEMOFWD:ZZZ", "PRE1"), StandardCharsets.ISO_8859_1)
                .replace("LOC+27+CN'", "LOC+27+XX'").getBytes(StandardCharsets.ISO_8859_1);
        int before = ced.requests().size();
        var response = gw.postBytes("/api/validate", bad);
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.contains("\"accepted\" : false"), body);
        assertTrue(body.contains("CMN-001"), body);
        assertTrue(body.contains("\"kind\" : \"CONTRL\""), body);
        assertTrue(body.contains("\"kind\" : \"APERAK\""), body);
        assertTrue(gw.get("/api/messages?reference=PRE1").body().contains("\"messages\" : [ ]"), "nothing stored");
        assertEquals(before, ced.requests().size(), "nothing forwarded");
    }

    /** The UNH..UNT of the demo declaration, under another message reference and document number. */
    private static String message(String ref, String docNumber) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"), StandardCharsets.ISO_8859_1);
        return edi.substring(edi.indexOf("UNH+"), edi.indexOf("UNZ+")).replace("UNH+1+", "UNH+" + ref + "+")
                .replace("UNT+40+1'", "UNT+40+" + ref + "'").replace("HKIMP2025031200017", docNumber);
    }

    @Test
    void one_interchange_gets_contrl_aperak_and_cusres_and_its_timeline_tells_the_story_in_order() throws Exception {
        String edi = "UNA:+.? 'UNB+UNOC:3+DEMOFWD:ZZZ+HKTSWGW:ZZZ+250312:0930+STORY1'"
                + message("GOOD", "DOC-STORY-GOOD")
                + message("SYNTAX", "DOC-STORY-SYNTAX").replace("UNT+40+SYNTAX'", "UNT+41+SYNTAX'")
                + message("RULES", "DOC-STORY-RULES").replace("LOC+27+CN'", "LOC+27+XX'")
                + "UNZ+3+STORY1'";
        var preflight = gw.postBytes("/api/validate", edi.getBytes(StandardCharsets.ISO_8859_1)).body();
        gw.upload("demofwd", "story.edi", edi.getBytes(StandardCharsets.ISO_8859_1));
        Path contrlFile = gw.mailbox("DEMOFWD").resolve("outbox/STORY1.contrl.edi");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(contrlFile)
                && ced.ledger().contains("tsw-doc-" + docId("STORY-GOOD") + "-CED"));
        String contrl = Files.readString(contrlFile, StandardCharsets.ISO_8859_1);
        assertTrue(contrl.contains("UCI+STORY1+DEMOFWD:ZZZ+HKTSWGW:ZZZ+7'"), contrl);
        assertTrue(contrl.contains("UCM+GOOD+CUSDEC:D:96A:UN+7'"), contrl);
        assertTrue(contrl.contains("UCM+SYNTAX+CUSDEC:D:96A:UN+4+29"), contrl);
        assertTrue(contrl.contains("UCM+RULES+CUSDEC:D:96A:UN+7'"), "business errors are not syntax errors: " + contrl);
        String aperak = Files.readString(gw.mailbox("DEMOFWD").resolve("outbox/STORY1-RULES.aperak.edi"), StandardCharsets.ISO_8859_1);
        assertTrue(aperak.contains("RFF+ACW:RULES'") && aperak.contains("ERC+12'"), aperak);
        // the pre-flight check gave the same CONTRL (dates aside) and the same APERAK errors
        String sameDay = contrl.replaceAll("\\+\\d{6}:\\d{4}\\+", "+D+");
        assertTrue(preflight.replaceAll("\\+\\d{6}:\\d{4}\\+", "+D+").contains(sameDay.replace("'", "'")), preflight);
        assertEquals(201, gw.postJson("/api/agencies/CED/decisions", "{\"reference\":\"DOC-STORY-GOOD\","
                + "\"decision\":\"HELD_FOR_INSPECTION\",\"reasons\":[\"random check\"]}").statusCode());
        String cusres = Files.readString(gw.outbox("DEMOFWD", "DOC-STORY-GOOD.cusres-CED-D", ".edi"),
                StandardCharsets.ISO_8859_1);
        assertTrue(cusres.contains("GIS+5'") && cusres.contains("RFF+ACW:GOOD'"), cusres);
        // the inspection done, the same agency releases it: a second decision, a second CUSRES beside the first
        assertEquals(201, gw.postJson("/api/agencies/CED/decisions", "{\"reference\":\"DOC-STORY-GOOD\","
                + "\"decision\":\"RELEASED\"}").statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.outboxFiles("DEMOFWD", "DOC-STORY-GOOD.cusres-CED-D", ".edi").size() == 2);
        assertTrue(gw.outboxFiles("DEMOFWD", "DOC-STORY-GOOD.cusres-CED-D", ".edi").stream().anyMatch(f -> {
            try {
                return Files.readString(f, StandardCharsets.ISO_8859_1).contains("GIS+4'");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), "the release reached the sender too");
        String list = gw.get("/api/messages?reference=STORY1").body();
        long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        String detail = gw.get("/api/messages/" + id).body();
        int received = detail.indexOf("\"type\" : \"RECEIVED\"");
        int contrlAt = detail.indexOf("\"type\" : \"CONTRL\"");
        int aperakAt = detail.indexOf("\"type\" : \"APERAK\"");
        int delivered = detail.indexOf("\"type\" : \"DELIVERED\"");
        int decision = detail.indexOf("\"type\" : \"DECISION\"");
        int cusresAt = detail.indexOf("\"type\" : \"CUSRES\"");
        assertTrue(received >= 0 && received < contrlAt && contrlAt < aperakAt && aperakAt < delivered
                && delivered < decision && decision < cusresAt, detail);
    }

    @Test
    void an_xml_declaration_gets_a_wco_response_and_its_decision_as_a_wco_response_too() throws Exception {
        byte[] xml = Files.readAllBytes(TestEngine.REPO.resolve("mappings/wco-dec-dms-2/samples/hk-import-zh.xml"));
        gw.upload("demofwd", "declaration.xml", xml);
        Path accepted = gw.mailbox("DEMOFWD").resolve("outbox/HKIM20250314KT0001.response.xml");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            long id = documentIdFor("HKIM20250314KT0001");
            return Files.exists(accepted) && id > 0 && ced.ledger().contains("tsw-doc-" + id + "-CED");
        });
        assertTrue(Files.readString(accepted).contains("<FunctionCode>01</FunctionCode>"), Files.readString(accepted));
        assertEquals(201, gw.postJson("/api/agencies/CED/decisions", "{\"reference\":\"HKIM20250314KT0001\","
                + "\"decision\":\"RELEASED\"}").statusCode());
        Path decision = gw.outbox("DEMOFWD", "HKIM20250314KT0001.decision-CED-D", ".response.xml");
        String text = Files.readString(decision);
        assertTrue(text.contains("<FunctionCode>09</FunctionCode>"), text);
        javax.xml.validation.Schema res = hk.tsw.gateway.security.SecureXml.schema(
                TestEngine.REPO.resolve("xsd/inbound/wco-res-dms-2/DocumentMetaData_2_DMS_RES.xsd"));
        hk.tsw.gateway.security.SecureXml.validator(res).validate(new javax.xml.transform.stream.StreamSource(decision.toFile()));
    }

    @Test
    void a_partner_webhook_gets_every_timeline_event_signed_and_retried_after_a_failure() throws Exception {
        String manifest = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demoline-manifest.edi"),
                StandardCharsets.ISO_8859_1).replace("OOCL2503220001", "HOOK1").replace("OOLU-HKG-0322-001", "DOC-HOOK1")
                .replace("OOLU2712345670", "BLHOOK1");
        gw.upload("demoline", "hook.edi", manifest.getBytes(StandardCharsets.ISO_8859_1));
        await().atMost(Duration.ofSeconds(60)).until(() -> hooks.calls().stream()
                .filter(c -> c.status() == 200 && c.body().contains("\"reference\":\"HOOK1\""))
                .map(WebhookReceiver.Call::body).filter(b -> b.contains("\"type\":\"DELIVERED\"")).count() >= 3);
        List<WebhookReceiver.Call> calls = hooks.calls();
        for (WebhookReceiver.Call c : calls) {
            assertEquals("sha256=" + hk.tsw.gateway.answer.WebhookRoute.sign("demo-webhook-secret",
                    c.body().getBytes(StandardCharsets.UTF_8)), c.signature(), "signed with the partner's secret");
        }
        assertEquals(500, calls.get(0).status(), "the first post failed");
        assertEquals(calls.get(0).body(), calls.get(1).body(), "and the same event was sent again");
        List<String> types = calls.stream().filter(c -> c.status() == 200 && c.body().contains("\"reference\":\"HOOK1\""))
                .map(c -> c.body().replaceAll(".*\"type\":\"([A-Z_]+)\".*", "$1")).toList();
        assertTrue(types.indexOf("RECEIVED") == 0 && types.indexOf("MAPPED") > 0 && types.indexOf("TRANSLATED") > 0,
                types.toString());
    }

    @Test
    void a_partner_that_wants_contrl_only_on_request_gets_it_only_when_unb_0031_asks() throws Exception {
        String manifest = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demoline-manifest.edi"),
                StandardCharsets.ISO_8859_1).replace("OOLU-HKG-0322-001", "DOC-ASK");
        gw.upload("demoline", "quiet.edi", manifest.replace("OOCL2503220001", "QUIET1").getBytes(StandardCharsets.ISO_8859_1));
        gw.upload("demoline", "ask.edi", manifest.replace("+250322:0600+OOCL2503220001'", "+250322:0600+ASK1++++1'")
                .replace("UNZ+1+OOCL2503220001'", "UNZ+1+ASK1'").getBytes(StandardCharsets.ISO_8859_1));
        Path outbox = gw.mailbox("DEMOLINE").resolve("outbox");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(outbox.resolve("QUIET1.receipt.txt"))
                && Files.exists(outbox.resolve("ASK1.receipt.txt")));
        assertTrue(Files.exists(outbox.resolve("ASK1.contrl.edi")), "UNB 0031 = 1 asked for it");
        assertTrue(!Files.exists(outbox.resolve("QUIET1.contrl.edi")), "nobody asked");
    }

    private static String normalised(String answer) {
        return answer.replaceAll("\\+\\d{6,8}:\\d{4}\\+", "+DATE+").replaceAll("TSW\\d+", "TSW")
                .replaceAll("\\d{12,14}", "N");
    }

    /**
     * Every sample is pre-flighted and uploaded first, then each upload's answers are awaited and compared, so the
     * pipeline works on all of them at once instead of one round trip per sample; the sample count grows with every
     * document type. The method's time-out is a hang guard scaled for that count on a loaded 2-core machine, not a
     * performance check; each wait returns as soon as its answer is there.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void preflight_gives_the_same_acknowledgements_as_a_real_submission_for_every_sample() throws Exception {
        List<Path> samples;
        try (Stream<Path> walk = Files.walk(TestEngine.MAPPINGS)) {
            samples = walk.filter(p -> (p.toString().endsWith(".edi") || (p.toString().endsWith(".xml")
                            && !p.getFileName().toString().contains(".expected")))
                    && p.getParent().getFileName().toString().equals("samples")
                    && !p.getFileName().toString().startsWith("bad-")).sorted().toList();
        }
        assertTrue(samples.size() >= 10, "samples: " + samples.size());
        record Sent(String name, String ref, boolean xml, java.nio.charset.Charset cs, String preflight) { }
        List<Sent> sent = new java.util.ArrayList<>();
        int n = 0;
        for (Path sample : samples) {
            String ref = "PF" + (++n);
            boolean xml = sample.toString().endsWith(".xml");
            boolean utf8 = xml || Files.readString(sample, StandardCharsets.ISO_8859_1).contains("UNOW");
            java.nio.charset.Charset cs = utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            String edi = xml ? Files.readString(sample, cs) : Files.readString(sample, cs)
                    .replaceFirst("(UNB\\+[^+]+\\+)[^+]+(\\+[^+]+\\+[^+]+\\+)[^'+]+", "$1DEMOFWD:ZZZ$2" + ref)
                    .replaceFirst("UNZ\\+(\\d+)\\+[^']+'", "UNZ+$1+" + ref + "'");
            byte[] bytes = edi.getBytes(cs);
            String preflight = gw.postBytes("/api/validate?partner=DEMOFWD", bytes).body();
            gw.upload("demofwd", ref + (xml ? ".xml" : ".edi"), bytes);
            sent.add(new Sent(sample.getFileName().toString(), ref, xml, cs, preflight));
        }
        for (Sent s : sent) {
            Path answered = gw.mailbox("DEMOFWD").resolve("outbox/" + (s.xml() ? "" : s.ref() + ".contrl.edi"));
            await().atMost(Duration.ofMinutes(5)).until(() -> s.xml()
                    ? gw.get("/api/messages?partner=DEMOFWD&limit=1000").body().contains("\"fileName\" : \"" + s.ref() + ".xml\"")
                    && !gw.get("/api/messages?partner=DEMOFWD&state=RECEIVED&limit=1000").body().contains(s.ref() + ".xml")
                    : Files.exists(answered));
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.preflight());
            for (var answer : json.get("acknowledgements")) {
                Path file = gw.mailbox("DEMOFWD").resolve("outbox/" + answer.get("fileName").asText());
                await().atMost(Duration.ofMinutes(5)).until(() -> Files.exists(file));
                assertEquals(normalised(answer.get("content").asText()), normalised(Files.readString(file, s.cs())),
                        s.name() + ": " + answer.get("kind").asText());
            }
        }
    }

    @Test
    void an_agency_decision_on_its_jms_queue_is_answered_like_one_posted_over_http() throws Exception {
        gw.upload("demofwd", "jmsdecide.edi", declaration("DEMOFWD:ZZZ", "JMSD1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> docId("JMSD1") > 0
                && Files.exists(gw.data.resolve("agencies/CSD/DOC-JMSD1-" + docId("JMSD1") + ".xml")));
        try (var cf = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("vm://0",
                "agency.CSD", ApiTokens.BROKER_CSD_PASSWORD);
             var ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue("tsw.decisions.CSD"),
                    "{\"reference\":\"DOC-JMSD1\",\"decision\":\"ACCEPTED\",\"agencyReference\":\"CSD-9\"}");
        }
        Path cusres = gw.outbox("DEMOFWD", "DOC-JMSD1.cusres-CSD-D", ".edi");
        assertTrue(Files.readString(cusres, StandardCharsets.ISO_8859_1).contains("GIS+1'"));
        // the audit row is written when the JMS decision's route ends, just after the answer file: wait for it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(gw.get("/api/audit?format=csv").body()
                .contains(",agency.CSD,AGENCY,CSD,DECISION,JMS,tsw.decisions.CSD,"), "the JMS decision is in the audit log"));
    }

    @Test
    void an_interchange_whose_sender_is_not_the_partners_is_rejected_and_nothing_is_forwarded() throws Exception {
        int before = ced.requests().size();
        gw.upload("demoline", "not-mine.edi", declaration("DEMOFWD:ZZZ", "IMPOSTOR1"));
        Path rejection = gw.mailbox("DEMOLINE").resolve("outbox/IMPOSTOR1.rejection.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(rejection));
        String text = Files.readString(rejection);
        assertTrue(text.contains("sender 'DEMOFWD:ZZZ' is not an EDIFACT sender id of partner DEMOLINE [0085=23]"), text);
        // and in plain words what to change (issue 19, from mappings/common/syntax-advice.xml)
        assertTrue(text.contains("[0085=23]. What to do: Put your own registered sender id in UNB element 2"), text);
        assertEquals(before, ced.requests().size(), "nothing reached the agency");
        // the answer is written before the interchange is marked finished (InterchangeProcessor): wait for the state
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.get("/api/messages?reference=IMPOSTOR1").body()
                .contains("\"state\" : \"REJECTED\""));
    }

    @Test
    void a_half_uploaded_file_is_never_taken_and_a_duplicate_is_not_forwarded_twice() throws Exception {
        byte[] edi = declaration("DEMOFWD:ZZZ", "DUP1");
        gw.uploadHalf("demofwd", "half.edi", edi);
        gw.upload("demofwd", "dup-a.edi", edi);
        await().atMost(Duration.ofSeconds(60)).until(() -> ced.ledger().stream().filter(k -> k != null).count() >= 1
                && Files.exists(gw.mailbox("DEMOFWD").resolve("outbox/DUP1.receipt.txt")));
        gw.upload("demofwd", "dup-b.edi", edi);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(gw.mailbox("DEMOFWD").resolve("outbox/DUP1.duplicate.txt")));
        String list = gw.get("/api/messages?reference=DUP1").body();
        assertTrue(list.contains("DUPLICATE"), list);
        assertTrue(Files.exists(gw.mailbox("DEMOFWD").resolve("inbox/half.edi.part")), "the .part file is still there");
        long keys = ced.ledger().stream().distinct().count();
        assertEquals(ced.ledger().size(), keys, "no idempotency key reached CED twice");
    }

    @Test
    void a_corrected_file_after_a_full_rejection_is_processed_and_new_content_under_a_used_reference_is_refused()
            throws Exception {
        String ref = "REUSE" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Path outbox = gw.mailbox("DEMOFWD").resolve("outbox");
        gw.upload("demofwd", "reuse-bad.edi", declaration("NOTFWD:ZZZ", ref));
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages?reference=" + ref + "&state=REJECTED")
                .body().contains("\"id\""));
        long rejectedId = firstId(gw.get("/api/messages?reference=" + ref + "&state=REJECTED").body());
        // the list's state filter also matches the rejected document's row, which commits before the interchange
        // ends; the duplicate rule reads the interchange's own state, so wait for that (as the clerk waits for the
        // answer, which commits with it)
        await().atMost(Duration.ofSeconds(60)).until(() -> "REJECTED".equals(messageState(rejectedId)));
        // the same reference after a full rejection: processed, not a duplicate
        gw.upload("demofwd", "reuse-good.edi", declaration("DEMOFWD:ZZZ", ref));
        await().atMost(Duration.ofSeconds(60)).until(() -> docId(ref) > 0
                && ced.ledger().contains("tsw-doc-" + docId(ref) + "-CED") && Files.exists(outbox.resolve(ref + ".receipt.txt")));
        assertFalse(Files.exists(outbox.resolve(ref + ".duplicate.txt")), "the corrected file is not a duplicate");
        // new content under the reference now used: refused, recorded, and said so
        byte[] changed = new String(declaration("DEMOFWD:ZZZ", ref), StandardCharsets.ISO_8859_1)
                .replace("DOC-" + ref, "DOC-" + ref + "B").getBytes(StandardCharsets.ISO_8859_1);
        gw.upload("demofwd", "reuse-changed.edi", changed);
        Path duplicate = outbox.resolve(ref + ".duplicate.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(duplicate));
        String text = Files.readString(duplicate);
        assertTrue(text.contains("DUPLICATE, not processed"), text);
        assertTrue(text.matches("(?s).*the reference " + ref + " was already used by message \\d+ on 20\\d\\d-.*"), text);
        assertFalse(text.contains("used by message " + rejectedId + " "), "the rejected one did not use it: " + text);
        assertTrue(text.contains("send it again with a new interchange reference"), text);
        assertFalse(text.contains("ACCEPTED"), text);
        // DEMOFWD always gets a CONTRL: the duplicate's refuses it as a whole, 0085 = 26, under a reference of its own
        String contrl = Files.readString(outbox.resolve(ref + ".duplicate.contrl.edi"), StandardCharsets.ISO_8859_1);
        assertTrue(contrl.contains("UCI+" + ref + "+DEMOFWD:ZZZ+HKTSWGW:ZZZ+4+26+UNB") && contrl.contains("UNZ+1+D" + ref), contrl);
        assertTrue(Files.readString(outbox.resolve(ref + ".contrl.edi"), StandardCharsets.ISO_8859_1)
                .contains("+" + ref + "+DEMOFWD:ZZZ+HKTSWGW:ZZZ+7"), "the first CONTRL is left as it was");
        assertTrue(gw.get("/api/messages?reference=" + ref + "&state=DUPLICATE").body().contains("reuse-changed.edi"),
                "the refused file is recorded and findable");
        assertEquals(0, documentIdFor("DOC-" + ref + "B"), "nothing of its content was taken");
    }

    /** The message's own (rolled-up) state, not one of its deliveries'. */
    private static String messageState(long id) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(gw.get("/api/messages/" + id).body())
                .get("state").asText();
    }

    private static long firstId(String list) {
        return Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
    }

    /**
     * Deliveries to one agency go out in batches: a document failing in the middle of one is retried alone; the
     * others are neither lost nor sent again (uploaded back to back, they usually share a batch; the promise holds
     * whether they do or not).
     */
    @Test
    void a_document_failing_among_others_to_the_same_agency_is_retried_alone_and_the_others_go_once() throws Exception {
        ced.answer("DOC-BATCH2", 500, 503);
        for (String ref : List.of("BATCH1", "BATCH2", "BATCH3")) {
            gw.upload("demofwd", ref.toLowerCase(java.util.Locale.ROOT) + ".edi", declaration("DEMOFWD:ZZZ", ref));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (String r : List.of("BATCH1", "BATCH2", "BATCH3")) {
                if (docId(r) <= 0 || !ced.ledger().contains("tsw-doc-" + docId(r) + "-CED")) {
                    return false;
                }
            }
            return true;
        });
        for (String ref : List.of("BATCH1", "BATCH2", "BATCH3")) {
            String key = "tsw-doc-" + docId(ref) + "-CED";
            assertEquals(1, ced.ledger().stream().filter(key::equals).count(), ref + " delivered exactly once");
            assertEquals(ref.equals("BATCH2") ? 3 : 1, ced.requests().stream()
                    .filter(r -> key.equals(r.idempotencyKey())).count(), ref + ": requests with its key");
        }
    }

    @Test
    void an_agency_failing_three_times_then_recovering_gets_exactly_one_delivery() throws Exception {
        ced.answer("DOC-RETRY1", 500, 503, 500);
        gw.upload("demofwd", "retry.edi", declaration("DEMOFWD:ZZZ", "RETRY1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> docId("RETRY1") > 0
                && ced.ledger().contains("tsw-doc-" + docId("RETRY1") + "-CED"));
        String key = "tsw-doc-" + docId("RETRY1") + "-CED";
        assertEquals(1, ced.ledger().stream().filter(key::equals).count(), "delivered exactly once");
        assertEquals(4, ced.requests().stream().filter(r -> key.equals(r.idempotencyKey())).count(),
                "three failures and one success, all with the same key");
    }

    @Test
    void an_agency_answering_400_sends_the_delivery_to_dead_letters_and_the_sender_a_refusal_and_a_redelivery_works_once()
            throws Exception {
        long deadBefore = new Invariants(gw.httpPort).queues().getOrDefault("tsw.dead", 0L);
        ced.answer("DOC-DEAD1", 400);
        gw.upload("demofwd", "bad.edi", declaration("DEMOFWD:ZZZ", "DEAD1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages?reference=DEAD1&state=TRANSLATED").body().contains("DEAD1"));
        String list = gw.get("/api/messages?reference=DEAD1").body();
        long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages/" + id).body().contains("\"state\" : \"DEAD\""));
        assertTrue(gw.get("/api/messages/" + id).body().contains("HTTP 400"));
        // CED dead, the other agencies delivered: the message as a whole is partly delivered
        await().atMost(Duration.ofSeconds(60)).until(() -> messageState(id).equals("PARTLY_DELIVERED"));
        // the sender is told which agency refused the document and why, as a CUSRES rejection (BGM 963, GIS 2)
        Path refusal = gw.mailbox("DEMOFWD").resolve("outbox/DOC-DEAD1.refused-CED.cusres.edi");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(refusal));
        String cusres = Files.readString(refusal, StandardCharsets.ISO_8859_1);
        assertTrue(cusres.contains("UNH+1+CUSRES:D:96A:UN'") && cusres.contains("BGM+963+R") && cusres.contains("NAD+CM+CED'")
                && cusres.contains("GIS+2'") && cusres.contains("FTX+AAO+++agency CED refused the document?: HTTP 400")
                && cusres.contains("RFF+AGO:DOC-DEAD1'"), cusres);
        // the delivery is recorded DEAD just before its copy is committed to tsw.dead
        await().atMost(Duration.ofSeconds(60)).until(() -> new Invariants(gw.httpPort).queues().get("tsw.dead") == deadBefore + 1);
        String key = "tsw-doc-" + docId("DEAD1") + "-CED";
        assertEquals(0, ced.ledger().stream().filter(key::equals).count());
        assertEquals(202, gw.post("/api/messages/" + id + "/redeliver").statusCode());
        await().atMost(Duration.ofSeconds(60)).until(() -> ced.ledger().contains(key));
        assertEquals(409, gw.post("/api/messages/" + id + "/redeliver").statusCode(), "nothing left to re-drive");
        assertEquals(1, ced.ledger().stream().filter(key::equals).count(), "re-driven exactly once");
        await().atMost(Duration.ofSeconds(60)).until(() -> messageState(id).equals("DELIVERED"));
        assertEquals(deadBefore, new Invariants(gw.httpPort).queues().get("tsw.dead"), "the re-drive took it out of tsw.dead");
        try (Stream<Path> outbox = Files.list(gw.mailbox("DEMOFWD").resolve("outbox"))) {
            assertEquals(1, outbox.filter(f -> f.getFileName().toString().startsWith("DOC-DEAD1.refused-")).count(),
                    "one refusal answer");
        }
    }
}
