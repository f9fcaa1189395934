package hk.tsw.gateway.intake.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;

import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the SOAP service and how they prove it: partners with a {@code <soap>} section, looked up by
 * UsernameToken user name or by signing certificate. Passwords come from the secrets
 * ({@code gateway.soap.<PARTNER>.password}) and are handed only to WSS4J's digest check; certificates are read from
 * the PEM files named in the partner files (relative to the config folder) into the trust store WSS4J verifies
 * signatures against (direct trust; the validity period is the certificate's own). A partner allowed X.509 signatures
 * without a readable certificate stops the start, or refuses a configuration reload. Disabled partners have no login.
 */
final class SoapPartners implements CallbackHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SoapPartners.class);

    /** One generation of the SOAP logins, built and checked whole, never changed. */
    static final class Logins {
        private final Map<String, Partner> byUser = new HashMap<>();
        private final Map<String, char[]> passwords = new HashMap<>();
        private final Map<X509Certificate, Partner> byCertificate = new HashMap<>();
        private final KeyStore trust;

        /** Reads every enabled partner's SOAP section; an unreadable certificate or a user claimed twice throws. */
        Logins(PartnerRegistry partners, SoapSettings settings) throws IOException, GeneralSecurityException {
            trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (Partner p : partners.enabled()) {
                if (p.soap().isPresent()) {
                    add(p, settings);
                }
            }
        }

        private void add(Partner p, SoapSettings settings) throws IOException, GeneralSecurityException {
            Partner.Soap soap = p.soap().get();
            Partner previous = byUser.put(soap.user(), p);
            if (previous != null) {
                throw new IllegalStateException("SOAP user " + soap.user() + " is claimed by partners " + previous.id()
                        + " and " + p.id());
            }
            String password = settings.partnerPasswords().getOrDefault(p.id(), "");
            if (!password.isBlank()) {
                passwords.put(soap.user(), password.toCharArray());
            } else if (soap.authentication().contains(Partner.SoapAuthentication.USERNAME_TOKEN)) {
                LOG.warn("Partner {} may use a SOAP UsernameToken but has no gateway.soap.{}.password: refused until set",
                        p.id(), p.id());
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (String file : soap.certificates()) {
                X509Certificate cert = read(settings.configDir().resolve(file), p.id());
                certs.add(cert);
                byCertificate.put(cert, p);
                trust.setCertificateEntry(p.id() + "-" + certs.size(), cert);
            }
            if (soap.authentication().contains(Partner.SoapAuthentication.X509_SIGNATURE) && certs.isEmpty()) {
                throw new IllegalStateException("partner " + p.id() + " may sign SOAP requests but names no certificate");
            }
        }
    }

    private volatile Logins logins;
    private final Merlin crypto = new Merlin();

    SoapPartners(PartnerRegistry partners, SoapSettings settings) throws IOException, GeneralSecurityException {
        install(new Logins(partners, settings));
    }

    /**
     * Takes another generation (a configuration reload): the next request is checked against it. The trust store
     * is replaced as a whole, so a signature check sees the old or the new certificates, never a mix.
     */
    void install(Logins next) {
        crypto.setTrustStore(next.trust);
        logins = next;
    }

    private static X509Certificate read(Path pem, String partner) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            LOG.info("SOAP partner {}: certificate {} valid until {}", partner,
                    cert.getSubjectX500Principal().getName(), cert.getNotAfter().toInstant());
            return cert;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("partner " + partner + ": certificate " + pem + " cannot be read: " + e, e);
        }
    }

    Optional<Partner> byUser(String user) {
        return Optional.ofNullable(logins.byUser.get(user));
    }

    Optional<Partner> byCertificate(X509Certificate cert) {
        return Optional.ofNullable(logins.byCertificate.get(cert));
    }

    /** The trust store of partner certificates, for WSS4J's signature check. */
    Crypto crypto() {
        return crypto;
    }

    /** WSS4J asks for the password of a UsernameToken's user to check its digest; unknown users get none. */
    @Override
    public void handle(Callback[] callbacks) {
        for (Callback c : callbacks) {
            if (c instanceof WSPasswordCallback pc && pc.getUsage() == WSPasswordCallback.USERNAME_TOKEN) {
                char[] password = logins.passwords.get(pc.getIdentifier());
                if (password != null) {
                    pc.setPassword(new String(password));
                }
            }
        }
    }
}
