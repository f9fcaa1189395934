package hk.tsw.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import javax.xml.parsers.DocumentBuilder;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The users of the HTTP API, as data: {@code config/users/<id>.xml} (schema {@code xsd/config/user.xsd}) says who
 * a user is and what it is bound to; the secrets file holds the SHA-256 of its API tokens
 * ({@code gateway.user.<id>.token.sha256}, hex, comma-separated while a token is rotated) and the bcrypt hash of its
 * password ({@code gateway.user.<id>.password.bcrypt}, for the console). Loaded at start and at a reload; a file that fails the
 * schema, names the wrong file, an unknown agency or partner, or a malformed hash is refused with one line
 * ({@link UserConfigException}) and the gateway does not start.
 *
 * <p>Token checks compare the presented token's SHA-256 with every stored hash in constant time, never stopping at the
 * first match, and never log a token. Safe to share between threads; {@link #replaceWith} swaps in a reloaded
 * generation at once, so each check reads either the old users or the new ones.
 */
public final class UserDirectory {

    private static final String NS = "urn:hk:tsw:config:user:1";

    /** A user file or secret the gateway cannot start with: the message is one line naming the file and the reason. */
    public static final class UserConfigException extends IllegalStateException {
        public UserConfigException(String message) {
            super(message);
        }
    }

    private record Credentials(ApiUser user, List<byte[]> tokenHashes, String passwordHash) {
    }

    // one generation of the user files and secrets, replaced whole by a configuration reload
    private volatile Map<String, Credentials> users;

    private UserDirectory(Map<String, Credentials> users) {
        this.users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /** Answers with {@code next}'s users from now on (a configuration reload); {@code next} was loaded and checked. */
    public void replaceWith(UserDirectory next) {
        users = next.users;
    }

    /**
     * @param secret a setting by key (the secrets file), null when absent
     */
    public static UserDirectory load(Path dir, Path xsd, Predicate<String> agencyExists, Predicate<String> partnerExists,
                                     UnaryOperator<String> secret) throws IOException {
        Map<String, Credentials> found = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return new UserDirectory(found);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        javax.xml.validation.Validator validator;
        DocumentBuilder builder;
        try {
            validator = SecureXml.validator(SecureXml.schema(xsd));
            var f = SecureXml.documentBuilderFactory();
            f.setNamespaceAware(true);
            builder = f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IOException("user schema " + xsd + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String name = "config/users/" + file.getFileName();
            Document doc;
            try {
                doc = builder.parse(file.toFile());
                validator.validate(new javax.xml.transform.dom.DOMSource(doc));
            } catch (Exception e) {
                throw new UserConfigException(name + ": " + e.getMessage());
            }
            Element root = doc.getDocumentElement();
            String id = child(root, "id");
            if (!file.getFileName().toString().equals(id + ".xml")) {
                throw new UserConfigException(name + ": the file of user " + id + " must be named " + id + ".xml");
            }
            if ("true".equals(child(root, "disabled"))) {
                continue;
            }
            String agency = child(root, "agency");
            String partner = child(root, "partner");
            if (agency != null && !agencyExists.test(agency)) {
                throw new UserConfigException(name + ": unknown agency " + agency + " (no config/agencies/" + agency
                        + ".properties)");
            }
            if (partner != null && !partnerExists.test(partner)) {
                throw new UserConfigException(name + ": unknown partner " + partner + " (no config/partners/" + partner
                        + ".xml)");
            }
            ApiUser.Role role = agency != null ? ApiUser.Role.AGENCY : partner != null ? ApiUser.Role.PARTNER
                    : ApiUser.Role.OPERATOR;
            found.put(id, new Credentials(new ApiUser(id, role, agency, partner), tokenHashes(name, id, secret),
                    passwordHash(name, id, secret)));
        }
        return new UserDirectory(found);
    }

    private static List<byte[]> tokenHashes(String file, String id, UnaryOperator<String> secret) {
        String v = secret.apply("gateway.user." + id + ".token.sha256");
        List<byte[]> hashes = new ArrayList<>();
        if (v == null || v.isBlank()) {
            return hashes;
        }
        for (String h : v.split(",")) {
            String hex = h.trim();
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new UserConfigException(file + ": gateway.user." + id + ".token.sha256 in the secrets file is not"
                        + " the hex SHA-256 of a token (64 hex digits)");
            }
            hashes.add(HexFormat.of().parseHex(hex));
        }
        return hashes;
    }

    private static String passwordHash(String file, String id, UnaryOperator<String> secret) {
        String v = secret.apply("gateway.user." + id + ".password.bcrypt");
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!v.trim().matches("\\$2[aby]\\$(1[0-9]|2[0-9]|3[01])\\$[./A-Za-z0-9]{53}")) {
            throw new UserConfigException(file + ": gateway.user." + id + ".password.bcrypt in the secrets file is not a"
                    + " bcrypt hash of cost 10 or more ($2b$12$...)");
        }
        return v.trim();
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && NS.equals(c.getNamespaceURI()) && name.equals(c.getLocalName())) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    /** The user whose API token this is; every stored hash is compared, in constant time. */
    public Optional<ApiUser> byToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        ApiUser match = null;
        for (Credentials c : users.values()) {
            for (byte[] h : c.tokenHashes()) {
                if (MessageDigest.isEqual(presented, h) && match == null) {
                    match = c.user();
                }
            }
        }
        return Optional.ofNullable(match);
    }

    /** Whether this is the user's password (bcrypt); false for an unknown user or one without a password. */
    public boolean passwordMatches(String id, char[] password) {
        Credentials c = users.get(id);
        return c != null && c.passwordHash() != null && OpenBSDBCrypt.checkPassword(c.passwordHash(), password);
    }

    public Optional<ApiUser> byId(String id) {
        return Optional.ofNullable(users.get(id)).map(Credentials::user);
    }

    public List<ApiUser> all() {
        return users.values().stream().map(Credentials::user).toList();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
