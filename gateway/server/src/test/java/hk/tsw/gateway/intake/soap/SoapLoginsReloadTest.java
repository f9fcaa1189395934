package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.testsupport.ProjectRoot;
import hk.tsw.gateway.testsupport.RunningGatewayFiles;
import hk.tsw.gateway.testsupport.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration reload's SOAP half: a partner's rotated signing certificate is trusted for the next request and the
 * old one no longer is; a disabled partner has no SOAP login; a certificate file that cannot be read refuses the new
 * logins and leaves the running ones.
 */
class SoapLoginsReloadTest {

    @TempDir
    Path dir;
    Path config;
    SoapSettings settings;
    SoapPartners logins;
    X509Certificate old;

    @BeforeEach
    void start() throws Exception {
        config = dir.resolve("config");
        RunningGatewayFiles.copyConfig(config, Map.of());
        settings = SoapSettings.from(GatewaySettings.load(config, dir.resolve("data"), Map.of("gateway.secrets.file", "")));
        logins = new SoapPartners(registry(), settings);
        old = read(config.resolve("demo/soap/demotrader-soap.pem"));
        assertEquals("DEMOTRADER", logins.byCertificate(old).orElseThrow().id());
    }

    @Test
    void a_rotated_certificate_is_trusted_after_the_reload_and_the_old_one_no_longer() throws Exception {
        TestCertificates.Identity next = TestCertificates.create("DEMOTRADER 2027", Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(400)));
        next.writePem(config.resolve("demo/soap/demotrader-2027.pem"), dir.resolve("demotrader-2027.key.pem"));
        rewrite("demo/soap/demotrader-soap.pem", "demo/soap/demotrader-2027.pem");
        SoapPartners.Logins prepared = new SoapPartners.Logins(registry(), settings);
        // the control: prepared, not installed, the running logins are unchanged
        assertTrue(logins.byCertificate(next.certificate()).isEmpty());
        assertNull(trust().getCertificateAlias(next.certificate()));

        logins.install(prepared);
        assertEquals("DEMOTRADER", logins.byCertificate(next.certificate()).orElseThrow().id());
        assertNotNull(trust().getCertificateAlias(next.certificate()), "WSS4J trusts it");
        assertTrue(logins.byCertificate(old).isEmpty(), "the old certificate no longer names a partner");
        assertNull(trust().getCertificateAlias(old), "nor is it trusted");
    }

    @Test
    void a_disabled_partner_has_no_soap_login_after_the_reload() throws Exception {
        assertTrue(logins.byUser("demotrader").isPresent());
        rewrite("</reply>", "</reply>\n  <disabled>true</disabled>");
        logins.install(new SoapPartners.Logins(registry(), settings));
        assertTrue(logins.byUser("demotrader").isEmpty());
        assertTrue(logins.byCertificate(old).isEmpty());
    }

    @Test
    void a_certificate_that_cannot_be_read_refuses_the_new_logins() throws Exception {
        rewrite("demo/soap/demotrader-soap.pem", "demo/soap/missing.pem");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SoapPartners.Logins(registry(), settings));
        assertTrue(e.getMessage().contains("DEMOTRADER") && e.getMessage().contains("missing.pem"), e.getMessage());
        assertEquals("DEMOTRADER", logins.byCertificate(old).orElseThrow().id(), "the running logins stay");
    }

    /** The trust store WSS4J checks signatures against. */
    private java.security.KeyStore trust() {
        return ((org.apache.wss4j.common.crypto.Merlin) logins.crypto()).getTrustStore();
    }

    private PartnerRegistry registry() {
        return PartnerRegistry.load(config.resolve("partners"), ProjectRoot.REPO.resolve("xsd/config/partner.xsd"));
    }

    private void rewrite(String from, String to) throws Exception {
        Path f = config.resolve("partners/DEMOTRADER.xml");
        Files.writeString(f, Files.readString(f).replace(from, to));
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
