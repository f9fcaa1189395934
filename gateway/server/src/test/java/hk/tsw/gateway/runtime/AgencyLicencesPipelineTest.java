package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.testsupport.As2Posts;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.intake.soap.SoapClients;
import hk.tsw.gateway.intake.soap.contract.ContentType;
import hk.tsw.gateway.intake.soap.contract.Interchange;
import hk.tsw.gateway.intake.soap.contract.SubmitDocumentRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.RunningGateway;

/**
 * Issue 13's pipeline, once per agency that owns a live LPCO type (TID, AFCD, DH, EPD, FEHD, OFCA, CED; C&amp;SD and
 * MD own no licence, permit or certificate, so they cannot issue one): the application (SANCRT) arrives over SFTP,
 * AS2 or SOAP, reaches its owner, the owner issues the licence through {@code POST /api/agencies/{code}/decisions};
 * a declaration writing part of it off is accepted, a second exceeding the remainder is rejected with the located
 * LIC-007 error, cancelling the first gives its quantity back, and two declarations racing for the rest (sent together)
 * end with exactly one accepted and one rejected, whatever their order.
 *
 * <p>The test's copy of the catalogue checks each of these LPCO types against the ledger; the repository's checks
 * only TID-SC-IMP, TID-SC-EXP and AFCD-PEST ({@code checkedAgainstLedger}), so that licences issued outside the
 * gateway keep working. Every wait is on state with a generous hang guard. API calls go through RunningGateway.
 */
class AgencyLicencesPipelineTest {

    private static final String SOAP_PASSWORD = "demofwd-DEMO-ONLY-password";

    /** One application: its agency, sample, the sample's sender, interchange and document number, and channel. */
    private record Application(String agency, String lpcoType, String sample, Charset charset, String sender,
                               String interchange, String reference, String holder, String hs, String channel) {
    }

    private static final List<Application> APPLICATIONS = List.of(
            new Application("TID", "TID-SC-IMP", "tid-sc-imp.edi", StandardCharsets.ISO_8859_1, "HKLABEQ09:ZZZ",
                    "SI26120300001", "SCI2026120300001", "47382910", "84571010", "SFTP"),
            new Application("AFCD", "AFCD-PEST", "afcd-pest-zh.edi", StandardCharsets.UTF_8, "HKAGRI01:ZZZ",
                    "AP26120100001", "AFCDP2026120100007", "61234567", "38089100", "SFTP"),
            new Application("DH", "DH-PHARM", "dh-pharm.edi", StandardCharsets.ISO_8859_1, "HKVICPH01:ZZZ",
                    "PH26120300001", "DHPH2026120300131", "74560123", "30041000", "SOAP"),
            new Application("EPD", "EPD-ODS", "epd-ods.edi", StandardCharsets.ISO_8859_1, "HKCOOLAIR:ZZZ",
                    "OD26120300001", "EPDODS2026120300111", "71234560", "29037100", "AS2"),
            new Application("FEHD", "FEHD-MEAT", "fehd-meat.edi", StandardCharsets.ISO_8859_1, "HKGOLDOX1:ZZZ",
                    "MT26120300001", "FEHDM2026120300091", "68901234", "02023000", "AS2"),
            new Application("OFCA", "OFCA-RTA", "ofca-rta.edi", StandardCharsets.ISO_8859_1, "HKRADIO01:ZZZ",
                    "RT26120200002", "RTA2026120200002", "71234567", "85256000", "SOAP"),
            new Application("CED", "CED-DCP", "ced-dcp-release-chars.edi", StandardCharsets.ISO_8859_1, "HKWINE05:ZZZ",
                    "DC26120300001", "DCP2026120300001", "61728394", "22083000", "SFTP"));

    @TempDir
    static Path dir;
    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = new RunningGateway(dir, Map.of(), Map.of("gateway.soap.DEMOFWD.password", SOAP_PASSWORD), Map.of(), config -> {
            LicenceDeclarations.allowApplications(config);
            for (Application a : APPLICATIONS) { // declarations citing these types are checked against the ledger
                Path entry = config.resolve("documents/" + a.lpcoType() + ".xml");
                String xml = Files.readString(entry).replace("<checkedAgainstLedger>false</checkedAgainstLedger>",
                        "<checkedAgainstLedger>true</checkedAgainstLedger>");
                Files.writeString(entry, xml.contains("<checkedAgainstLedger>") ? xml : xml.replace("<rulesFolder>",
                        "<checkedAgainstLedger>true</checkedAgainstLedger>\n  <rulesFolder>"));
            }
        });
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    @Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
    void each_agency_issues_a_licence_that_declarations_write_off_are_refused_beyond_and_race_for() throws Exception {
        As2Posts as2 = new As2Posts();
        HttpClient http = HttpClient.newHttpClient();
        List<String> channels = new ArrayList<>();
        for (Application a : APPLICATIONS) {
            submit(a, as2, http);
            channels.add(a.channel());
        }
        assertTrue(channels.containsAll(List.of("SFTP", "AS2", "SOAP")), "every channel carries an application");
        for (Application a : APPLICATIONS) {
            String app = "APP-" + a.agency();
            await().atMost(Duration.ofMinutes(3)).until(() -> delivered(a.agency(), app));
            String licence = "LIC-" + a.agency() + "-1";
            var issued = gw.postJson("/api/agencies/" + a.agency() + "/decisions", "{\"reference\":\"" + app
                    + "\",\"decision\":\"LICENCE_ISSUED\",\"licence\":{\"number\":\"" + licence + "\",\"validFrom\":"
                    + "\"2026-12-01\",\"validTo\":\"2027-11-30\",\"lines\":[{\"hsCode\":\"" + a.hs().substring(0, 6)
                    + "\",\"quantity\":10,\"unit\":\"KGM\"}]}}");
            assertEquals(201, issued.statusCode(), a.agency() + ": " + issued.body());
            assertTrue(balance(licence).contains("\"holder\":\"" + a.holder() + "\""), balance(licence));
            writeOffs(a, licence);
        }
    }

    /** Accepted, refused beyond the remainder (located), given back on cancellation, then the race for the rest. */
    private static void writeOffs(Application a, String licence) throws Exception {
        String p = "W" + a.agency();
        upload(p + "1", declaration(a, p + "1", "DEC-" + a.agency() + "-1", "9", licence, "6"));
        assertTrue(answer(p + "1").contains("TRANSLATED message 1: IMPORT_DECLARATION DEC-" + a.agency() + "-1"),
                answer(p + "1"));
        assertTrue(balance(licence).contains("\"writtenOff\":6,\"remaining\":4"), balance(licence));

        upload(p + "2", declaration(a, p + "2", "DEC-" + a.agency() + "-2", "9", licence, "5"));
        assertTrue(answer(p + "2").contains("REJECTED message 1: LIC-007 /TradeDocument/GoodsItem[1]/AdditionalDocument[1]/ID:"
                + " goods item 1 writes off 5 KGM against Licence " + licence + " (" + a.lpcoType() + ") line 1, which has"
                + " only 4 KGM left of 10"), answer(p + "2"));
        assertTrue(balance(licence).contains("\"remaining\":4"), "nothing written off for the rejected one");

        upload(p + "3", declaration(a, p + "3", "DEC-" + a.agency() + "-1", "1", licence, "6"));
        assertTrue(answer(p + "3").contains("CANCELLED DEC-" + a.agency() + "-1: 1 licence write-off(s) given back"),
                answer(p + "3"));
        assertTrue(balance(licence).contains("\"writtenOff\":0,\"remaining\":10"), balance(licence));

        // the race: two declarations of 6 each for the 10 left, lodged together; the ledger's line lock decides
        upload(p + "4", declaration(a, p + "4", "DEC-" + a.agency() + "-4", "9", licence, "6"));
        upload(p + "5", declaration(a, p + "5", "DEC-" + a.agency() + "-5", "9", licence, "6"));
        List<String> race = List.of(answer(p + "4"), answer(p + "5"));
        assertEquals(1, race.stream().filter(t -> t.contains("TRANSLATED message 1: IMPORT_DECLARATION")).count(), race.toString());
        assertEquals(1, race.stream().filter(t -> t.contains("REJECTED message 1: LIC-007")
                && t.contains("which has only 4 KGM left of 10")).count(), race.toString());
        assertTrue(balance(licence).contains("\"writtenOff\":6,\"remaining\":4"), balance(licence));
    }

    private static void submit(Application a, As2Posts as2, HttpClient http) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("mappings/sancrt-d96a/samples/" + a.sample()), a.charset())
                .replace(a.sender(), "DEMOFWD:ZZZ").replace(a.interchange(), "PA" + a.agency())
                .replace(a.reference(), "APP-" + a.agency());
        byte[] bytes = edi.getBytes(a.charset());
        switch (a.channel()) {
            case "SFTP" -> gw.upload("demofwd", "application-" + a.agency() + ".edi", bytes);
            case "AS2" -> {
                byte[] entity = concat("Content-Type: application/edifact\r\n\r\n".getBytes(StandardCharsets.US_ASCII), bytes);
                As2Posts.Prepared m = as2.protect("<app-" + a.agency() + "@demofwd.test>", entity, as2.partnerKey(),
                        as2.partnerCertificate(), b -> b, as2.gatewayCertificate());
                var mdn = As2Posts.post(http, gw.runtime.as2Port(), m);
                assertEquals(200, mdn.statusCode(), mdn.body());
                assertTrue(mdn.body().contains("; processed"), mdn.body());
            }
            case "SOAP" -> {
                Interchange interchange = new Interchange();
                interchange.setValue(bytes);
                interchange.setContentType(ContentType.APPLICATION_EDIFACT);
                SubmitDocumentRequest request = new SubmitDocumentRequest();
                request.setInterchange(interchange);
                var receipt = SoapClients.usernameToken("http://127.0.0.1:" + gw.runtime.soapPort() + "/ws/submission",
                        "demofwd", SOAP_PASSWORD).submitDocument(request);
                assertEquals("PA" + a.agency(), receipt.getPartnerReference());
            }
            default -> throw new IllegalArgumentException(a.channel());
        }
    }

    private static byte[] declaration(Application a, String interchange, String reference, String function,
                                      String licence, String quantity) {
        return LicenceDeclarations.declaration(interchange, reference, function, a.holder(), a.hs(), licence, "KGM", quantity);
    }

    private static void upload(String interchange, byte[] edi) throws Exception {
        gw.uploadRetrying("demofwd", interchange + ".edi", edi);
    }

    /** The receipt or the rejection of an SFTP interchange, once it is there. */
    private static String answer(String interchange) throws Exception {
        Path outbox = gw.mailbox("DEMOFWD").resolve("outbox");
        Path receipt = outbox.resolve(interchange + ".receipt.txt");
        Path rejection = outbox.resolve(interchange + ".rejection.txt");
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(receipt) || Files.exists(rejection));
        return Files.readString(Files.exists(receipt) ? receipt : rejection);
    }

    private static String balance(String licence) throws Exception {
        var response = gw.get("/api/licences/" + licence);
        assertEquals(200, response.statusCode(), response.body());
        return response.body().replace(" ", "");
    }

    private static boolean delivered(String agency, String reference) throws Exception {
        return !gw.agencyFiles(agency, reference + "-").isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
