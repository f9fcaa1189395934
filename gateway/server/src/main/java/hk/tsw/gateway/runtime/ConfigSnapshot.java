package hk.tsw.gateway.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import hk.tsw.gateway.intake.soap.SoapSettings;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.security.UserDirectory;
import hk.tsw.gateway.settings.ApiSettings;

/**
 * One validated configuration of the reloadable parts (partners, users and their secrets), loaded but not yet in
 * use ({@code soapLogins} installs its checked SOAP logins): its digest (SHA-256 over the partner and user files, the
 * partners' certificates and the secrets, in a fixed order, so two nodes that read the same files agree) and what
 * differs from the running one.
 */
record ConfigSnapshot(PartnerRegistry partners, UserDirectory users, ApiSettings apiSecrets, SoapSettings soapSecrets,
                      Runnable soapLogins, String digest) {

    static String digest(Path config, PartnerRegistry partners, ApiSettings api, SoapSettings soap) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String folder : List.of("partners", "users")) {
            for (Path f : xmlFiles(config.resolve(folder))) {
                sha.update((folder + "/" + f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(f));
            }
        }
        for (Partner p : partners.all()) {
            sha.update(("partner " + p.id() + " disabled=" + partners.isDisabled(p.id()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (X509Certificate c : p.as2().map(a -> a.certificates()).orElse(List.of())) {
                try {
                    sha.update(c.getEncoded());
                } catch (CertificateEncodingException e) {
                    throw new IOException("partner " + p.id() + ": AS2 certificate: " + e.getMessage(), e);
                }
            }
            for (String file : p.soap().map(Partner.Soap::certificates).orElse(List.of())) {
                Path cert = config.resolve(file);
                sha.update(Files.isRegularFile(cert) ? Files.readAllBytes(cert) : new byte[0]);
            }
        }
        Map<String, String> secrets = new TreeMap<>(api.userSecrets());
        soap.partnerPasswords().forEach((id, v) -> secrets.put("gateway.soap." + id + ".password", v));
        secrets.forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static List<Path> xmlFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
                ds.forEach(files::add);
            }
        }
        files.sort(null);
        return files;
    }

    /** What this snapshot changes against the running partners and users: names per kind, empty kinds left out. */
    Map<String, List<String>> changesFrom(PartnerRegistry runningPartners, UserDirectory runningUsers) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        diff(changes, "partners", index(runningPartners.all(), Partner::id), index(partners.all(), Partner::id),
                (a, b) -> a.equals(b) && runningPartners.isDisabled(a.id()) == partners.isDisabled(b.id()));
        diff(changes, "users", index(runningUsers.all(), ApiUser::id), index(users.all(), ApiUser::id),
                Objects::equals);
        for (Partner p : partners.all()) {
            if (partners.isDisabled(p.id()) && !runningPartners.isDisabled(p.id())) {
                changes.computeIfAbsent("partnersDisabled", k -> new ArrayList<>()).add(p.id());
            }
        }
        return changes;
    }

    private static <T> Map<String, T> index(java.util.Collection<T> items, Function<T, String> id) {
        Map<String, T> m = new TreeMap<>();
        items.forEach(i -> m.put(id.apply(i), i));
        return m;
    }

    private static <T> void diff(Map<String, List<String>> changes, String kind, Map<String, T> before,
                                 Map<String, T> after, java.util.function.BiPredicate<T, T> same) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach((id, v) -> {
            if (!before.containsKey(id)) {
                added.add(id);
            } else if (!same.test(before.get(id), v)) {
                changed.add(id);
            }
        });
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(removed::add);
        put(changes, kind + "Added", added);
        put(changes, kind + "Removed", removed);
        put(changes, kind + "Changed", changed);
    }

    private static void put(Map<String, List<String>> changes, String key, List<String> ids) {
        if (!ids.isEmpty()) {
            changes.put(key, ids);
        }
    }
}
