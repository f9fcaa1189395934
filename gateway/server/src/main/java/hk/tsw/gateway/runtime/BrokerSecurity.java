package hk.tsw.gateway.runtime;

import hk.tsw.gateway.settings.Queues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import hk.tsw.gateway.settings.BrokerSettings;

/**
 * Artemis security for the gateway's broker (embedded, or {@code tsw-gateway.jar broker}): every connection, in-VM or
 * over the TCP acceptor, signs in. The gateway node's own user ({@code gateway.broker.user}, password
 * {@code gateway.broker.password} from the secrets file) may do everything; each agency with a password
 * ({@code gateway.broker.agency.<CODE>.password}) has the broker user {@code agency.<CODE>}, which may only send to its
 * own decision queue {@code tsw.decisions.<CODE>} (and create it if the gateway has not yet): not consume, browse or
 * manage anything, not send to another agency's queue nor to any gateway queue. Passwords are compared in constant
 * time.
 */
public final class BrokerSecurity implements ActiveMQSecurityManager {

    /** The gateway node's role: everything. */
    static final String GATEWAY_ROLE = "tsw-gateway";

    /** A broker user's password and role. */
    private record Account(byte[] password, String role) {
    }

    /** The gateway node's credentials, as its broker clients present them. */
    public record Credentials(String user, String password) {
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();

    /**
     * The node's credentials from the settings. Without {@code gateway.broker.password}: a random one for this run when
     * the broker is embedded and reachable in-VM only (nothing else can connect), else a refusal naming the setting.
     */
    public static Credentials node(BrokerSettings s) {
        String user = s.user();
        String password = s.password();
        if (password.isBlank()) {
            boolean inVmOnly = s.embedded() && s.acceptor().isBlank();
            if (!inVmOnly) {
                throw new IllegalStateException("gateway.broker.password is missing from the secrets file: the broker's"
                        + " TCP acceptor and external gateway nodes need the gateway node's broker password");
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        return new Credentials(user, password);
    }

    /**
     * Security for a broker with these agencies: the node's account, one account per agency with a password, and the
     * address permissions put into {@code c} (security on).
     */
    public static BrokerSecurity configure(Configuration c, Credentials node, List<String> agencies,
            Map<String, String> agencyPasswords) {
        BrokerSecurity security = new BrokerSecurity();
        security.accounts.put(node.user(), new Account(bytes(node.password()), GATEWAY_ROLE));
        Role gateway = new Role(GATEWAY_ROLE, true, true, true, true, true, true, true, true, true, true, true, true);
        c.setSecurityEnabled(true);
        c.putSecurityRoles("#", Set.of(gateway));
        for (String code : agencies) {
            String password = agencyPasswords.getOrDefault(code, "");
            String role = "agency-" + code;
            // the most specific match wins in Artemis: the gateway's role is repeated on each decision queue
            c.putSecurityRoles(Queues.decisions(code), Set.of(gateway,
                    new Role(role, true, false, true, false, false, false, false, false, true, false, false, false)));
            if (!password.isBlank()) {
                security.accounts.put("agency." + code, new Account(bytes(password), role));
            }
        }
        return security;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return account(user, password) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Account a = account(user, password);
        return a != null && roles.stream().anyMatch(r -> r.getName().equals(a.role()) && checkType.hasRole(r));
    }

    private Account account(String user, String password) {
        Account a = user == null ? null : accounts.get(user);
        byte[] given = bytes(password == null ? "" : password);
        if (a == null) {
            MessageDigest.isEqual(given, given); // the same work for an unknown user
            return null;
        }
        return MessageDigest.isEqual(given, a.password()) ? a : null;
    }

    private static byte[] bytes(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
