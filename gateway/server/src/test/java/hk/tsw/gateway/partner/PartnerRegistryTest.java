package hk.tsw.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import hk.tsw.gateway.partner.Partner.Channel;
import hk.tsw.gateway.partner.Partner.Format;
import hk.tsw.gateway.partner.Partner.Role;
import hk.tsw.gateway.partner.Partner.SenderId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerRegistryTest {

    static final Path PARTNERS = Path.of("config/partners");
    static final Path XSD = Path.of("xsd/config/partner.xsd");

    @TempDir
    Path root;
    /** root/partners: partner files name certificates relative to their config folder, root */
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void configFolder() throws IOException {
        dir = Files.createDirectories(root.resolve("partners"));
        Path certs = Files.createDirectories(root.resolve("demo/as2/partners"));
        Files.copy(Path.of("config/demo/as2/partners/demofwd-2026.cert.pem"), certs.resolve("demofwd-2026.cert.pem"));
    }

    @Test
    void loads_the_demo_partners() throws Exception {
        PartnerRegistry registry = PartnerRegistry.load(PARTNERS, XSD);

        assertEquals(List.of("DEMOFWD", "DEMOLINE", "DEMOTRADER"), registry.all().stream().map(Partner::id).toList());
        Partner.Soap trader = registry.byId("DEMOTRADER").orElseThrow().soap().orElseThrow();
        assertEquals(new Partner.Soap("demotrader", Set.of(Partner.SoapAuthentication.USERNAME_TOKEN,
                Partner.SoapAuthentication.X509_SIGNATURE), List.of("demo/soap/demotrader-soap.pem"), false), trader);
        assertEquals(Set.of(Partner.SoapAuthentication.USERNAME_TOKEN),
                registry.byId("DEMOFWD").orElseThrow().soap().orElseThrow().authentication());
        Partner fwd = registry.byId("DEMOFWD").orElseThrow();
        assertEquals(Role.FORWARDER, fwd.role());
        assertEquals(List.of(new SenderId("DEMOFWD", "ZZZ")), fwd.edifactSenderIds());
        assertFalse(fwd.allowUnicodeUnderSyntax3());
        assertEquals(Set.of("IMPORT_DECLARATION", "EXPORT_DECLARATION", "CARGO_MANIFEST", "CARGO_REPORT"), fwd.allowedDocumentTypes());
        assertEquals(new Partner.Reply(Channel.SFTP, Format.EDIFACT, java.util.Optional.empty(), true), fwd.reply());
        assertEquals("demofwd", fwd.sftp().orElseThrow().user());
        assertEquals(1, fwd.sftp().orElseThrow().publicKeys().size());
        assertEquals(Role.SHIPPING_LINE, registry.byId("DEMOLINE").orElseThrow().role());
        assertEquals("DEMOLINE", registry.bySftpUser("demoline").orElseThrow().id());
    }

    @Test
    void demo_forwarder_owns_the_submitter_and_declarant_of_the_wco_sample() throws IOException {
        PartnerRegistry registry = PartnerRegistry.load(PARTNERS, XSD);
        String sample = Files.readString(Path.of("mappings/wco-dec-dms-2/samples/hk-import-zh.xml"));

        for (String id : List.of("HK12345678", "HK30000009", "HK30000001")) {
            assertEquals("DEMOFWD", registry.byXmlSubmitter(id).orElseThrow().id(), id);
        }
        assertTrue(sample.contains("<ID>HK30000009</ID>") && sample.contains("<ID>HK30000001</ID>"));
        assertTrue(registry.byXmlSubmitter("HK99999999").isEmpty());
    }

    @Test
    void finds_edifact_senders_with_exact_or_absent_qualifier() {
        PartnerRegistry registry = PartnerRegistry.load(PARTNERS, XSD);

        assertEquals("DEMOFWD", registry.byEdifactSender("DEMOFWD", "ZZZ").orElseThrow().id());
        assertEquals("DEMOLINE", registry.byEdifactSender("DEMOLINE", "").orElseThrow().id());
        assertEquals("DEMOLINE", registry.byEdifactSender("DEMOLINE", null).orElseThrow().id());
        assertTrue(registry.byEdifactSender("DEMOFWD", "01").isEmpty());
        assertTrue(registry.byEdifactSender("NOBODY", "").isEmpty());
    }

    @Test
    void empty_qualifier_is_ambiguous_when_two_partners_share_an_id_under_different_qualifiers() throws IOException {
        copyDemoPartners();
        write("OTHER.xml", other("OTHER", "other", "<senderId qualifier=\"01\">DEMOFWD</senderId>"));

        PartnerRegistry registry = PartnerRegistry.load(dir, XSD);

        assertEquals("OTHER", registry.byEdifactSender("DEMOFWD", "01").orElseThrow().id());
        assertEquals("DEMOFWD", registry.byEdifactSender("DEMOFWD", "ZZZ").orElseThrow().id());
        assertTrue(registry.byEdifactSender("DEMOFWD", "").isEmpty());
    }

    @Test
    void rejects_a_file_with_a_schema_error_naming_file_and_line() throws IOException {
        copyDemoPartners();
        Path file = dir.resolve("DEMOLINE.xml");
        List<String> lines = Files.readAllLines(file);
        int roleLine = lines.indexOf("  <role>SHIPPING_LINE</role>") + 1;
        Files.writeString(file, Files.readString(file).replace("<role>SHIPPING_LINE</role>", "<role>PIRATE</role>"));

        PartnerConfigException e = assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD));

        assertTrue(roleLine > 1);
        assertTrue(e.getMessage().startsWith("DEMOLINE.xml: line " + roleLine + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("PIRATE"), e.getMessage());
    }

    @Test
    void rejects_an_edifact_sender_id_claimed_by_two_partners() throws IOException {
        copyDemoPartners();
        write("OTHER.xml", other("OTHER", "other", "<senderId qualifier=\"ZZZ\">DEMOFWD</senderId>"));

        PartnerConfigException e = assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD));

        assertEquals("OTHER.xml: line 7: EDIFACT sender id DEMOFWD:ZZZ is already claimed by partner DEMOFWD",
                e.getMessage());
    }

    @Test
    void rejects_a_duplicate_partner_id_or_sftp_user() throws IOException {
        copyDemoPartners();
        write("OTHER.xml", other("DEMOLINE", "other", "<senderId>ELSE</senderId>"));
        assertTrue(assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD)).getMessage()
                .startsWith("OTHER.xml: line 3: partner id DEMOLINE is already claimed by partner DEMOLINE"));

        write("OTHER.xml", other("OTHER", "demoline", "<senderId>ELSE</senderId>"));
        assertTrue(assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD)).getMessage()
                .startsWith("OTHER.xml: line 10: sftp user demoline is already claimed by partner DEMOLINE"));
    }

    @Test
    void a_third_partner_with_its_own_ids_loads() throws IOException {
        copyDemoPartners();
        write("OTHER.xml", other("OTHER", "other", "<senderId>ELSE</senderId>"));

        assertEquals(3, PartnerRegistry.load(dir, XSD).all().size());
    }

    @Test
    void rejects_a_soap_authentication_method_it_does_not_know() throws IOException {
        String trader = Files.readString(PARTNERS.resolve("DEMOTRADER.xml"));
        int line = List.of(trader.split("\n")).indexOf("    <authentication>X509_SIGNATURE</authentication>") + 1;
        write("DEMOTRADER.xml", trader.replace("<authentication>X509_SIGNATURE</authentication>",
                "<authentication>HTTP_BASIC</authentication>"));

        PartnerConfigException e = assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD));

        assertTrue(line > 1);
        assertTrue(e.getMessage().startsWith("DEMOTRADER.xml: line " + line + ": ") && e.getMessage().contains("HTTP_BASIC"),
                e.getMessage());
    }

    @Test
    void rejects_a_doctype() throws IOException {
        write("EVIL.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE partner [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + other("EVIL", "evil", "<senderId>&x;</senderId>").replaceFirst("<\\?xml[^>]*>\n", ""));

        PartnerConfigException e = assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD));

        assertTrue(e.getMessage().startsWith("EVIL.xml: line 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void rejects_an_authorized_key_with_login_options() throws IOException {
        String key = Files.readString(Path.of("config/demo/demofwd_ed25519.pub")).strip();
        write("OPT.xml", other("OPT", "opt", "<senderId>OPT</senderId>")
                .replaceFirst("<authorizedKey>[^<]*<", "<authorizedKey>from=\"10.0.0.1\" " + key + "<"));

        PartnerConfigException e = assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD));

        assertTrue(e.getMessage().startsWith("OPT.xml: line 11: "), e.getMessage());
    }

    @Test
    void loads_the_as2_agreement_with_its_certificates() throws IOException {
        copyDemoPartners();
        As2Profile as2 = PartnerRegistry.load(dir, XSD).byAs2Id("DEMOFWD-AS2").orElseThrow().as2().orElseThrow();
        assertEquals(1, as2.certificates().size());
        assertTrue(as2.requireSigned() && as2.requireEncrypted() && !as2.allowLegacyAlgorithms());
        assertTrue(as2.allowsAsyncMdnTo("http://127.0.0.1:9999/mdn"));
        assertTrue(!as2.allowsAsyncMdnTo("http://evil.example/mdn"), "never to an arbitrary host");
    }

    @Test
    void refuses_an_as2_certificate_path_that_leaves_the_config_folder() throws IOException {
        copyDemoPartners();
        Path file = dir.resolve("DEMOFWD.xml");
        Files.writeString(file, Files.readString(file).replace("demo/as2/partners/demofwd-2026.cert.pem",
                "demo/../../etc/ssl/cert.pem"));
        PartnerConfigException e = assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD));
        assertTrue(e.getMessage().contains("leaves the config folder"), e.getMessage());
    }

    @Test
    void an_as2_reply_channel_needs_the_partners_as2_url() throws IOException {
        copyDemoPartners();
        Path file = dir.resolve("DEMOFWD.xml");
        Files.writeString(file, Files.readString(file).replace("<channel>SFTP</channel>", "<channel>AS2</channel>"));
        PartnerConfigException e = assertThrows(PartnerConfigException.class, () -> PartnerRegistry.load(dir, XSD));
        assertTrue(e.getMessage().contains("reply channel AS2 needs a as2 section with the partner's AS2 url"), e.getMessage());
    }

    private void copyDemoPartners() throws IOException {
        for (String name : List.of("DEMOFWD.xml", "DEMOLINE.xml")) {
            Files.copy(PARTNERS.resolve(name), dir.resolve(name));
        }
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    /** A minimal partner file; the line numbers asserted above refer to this layout. */
    private static String other(String id, String user, String senderIdElement) throws IOException {
        String key = Files.readString(Path.of("config/demo/demoline_ed25519.pub")).strip();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <partner xmlns="urn:hk:tsw:config:partner:1">
                  <id>%s</id>
                  <name>Another partner</name>
                  <role>TRADER</role>
                  <edifact>
                    %s
                  </edifact>
                  <sftp>
                    <user>%s</user>
                    <authorizedKey>%s</authorizedKey>
                  </sftp>
                  <allowedDocumentType>IMPORT_DECLARATION</allowedDocumentType>
                  <reply><channel>SFTP</channel><format>EDIFACT</format></reply>
                </partner>
                """.formatted(id, senderIdElement, user, key);
    }
}
