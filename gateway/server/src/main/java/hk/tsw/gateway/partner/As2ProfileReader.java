package hk.tsw.gateway.partner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.partner.PartnerFileReader.Element;

/** Builds an {@link As2Profile} from a schema-valid {@code <as2>} element, loading its PEM certificates. */
final class As2ProfileReader {

    private As2ProfileReader() {
    }

    static As2Profile read(String fileName, Element as2, Path configDir) {
        List<X509Certificate> certs = new ArrayList<>();
        for (Element c : as2.all("certificate")) {
            Path file = configDir.resolve(c.text()).normalize();
            if (!file.startsWith(configDir.normalize())) {
                throw new PartnerConfigException(fileName, c.line(), "certificate path leaves the config folder: " + c.text());
            }
            certs.addAll(load(fileName, c, file));
        }
        return new As2Profile(as2.text("id"), certs, flag(as2, "requireSigned", true),
                flag(as2, "requireEncrypted", true), flag(as2, "allowLegacyAlgorithms", false),
                as2.child("url").map(u -> URI.create(u.text())),
                as2.all("asyncMdnUrl").stream().map(Element::text).toList());
    }

    private static boolean flag(Element parent, String name, boolean byDefault) {
        return parent.child(name).map(e -> e.text().equals("true") || e.text().equals("1")).orElse(byDefault);
    }

    /** Every certificate of one PEM (or DER) file; a missing or unreadable file stops the gateway with its line. */
    static List<X509Certificate> load(String fileName, Element at, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new PartnerConfigException(fileName, at.line(), "no certificate in " + file);
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new PartnerConfigException(fileName, at.line(), "certificate " + file + " cannot be read: " + e.getMessage());
        }
    }
}
