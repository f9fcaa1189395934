package hk.tsw.gateway.api.access;

import hk.tsw.gateway.security.UserDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.store.AccessQueries;
import hk.tsw.gateway.store.AuditLog;
import hk.tsw.gateway.store.MessageStore;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Puts {@link ApiAccess} in front of every REST route the gateway serves, once, as a route configuration that
 * applies to all routes: a REST route added later is covered without a line of its own. A request the gate answered
 * (401, 403, 404) goes no further.
 */
public final class ApiSecurityRoutes extends RouteConfigurationBuilder {

    private final ApiAccess access;
    private final UserDirectory users;

    public ApiSecurityRoutes(ApiAccess access, UserDirectory users) {
        this.access = access;
        this.users = users;
    }

    /** The gate itself, for the console: one rule set for the API and the console. */
    public ApiAccess access() {
        return access;
    }

    /** The users the gate knows (for the {@code /observe} guard, {@link ObserveGuard}). */
    public UserDirectory users() {
        return users;
    }

    /**
     * The gate for this configuration: the users of {@code usersDir} checked against the partners and agencies (a
     * user bound to an unknown one stops the start with {@link UserDirectory.UserConfigException}).
     */
    public static ApiSecurityRoutes load(Path usersDir, Path userXsd, PartnerRegistry partners, AgencyRegistry agencies,
                                         UnaryOperator<String> secret, MessageStore store) throws IOException {
        UserDirectory users = UserDirectory.load(usersDir, userXsd, agencies::exists, id -> partners.byId(id).isPresent(),
                secret);
        return new ApiSecurityRoutes(new ApiAccess(users, new AccessQueries(store),
                id -> partners.byId(id).map(ApiSecurityRoutes::partyIds).orElse(Set.of()), new AuditLog(store)), users);
    }

    /** The party ids a partner trades under: its id, its EDIFACT sender ids and its XML submitter ids. */
    static Set<String> partyIds(Partner p) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(p.id());
        p.edifactSenderIds().forEach(s -> ids.add(s.id()));
        ids.addAll(p.xmlSubmitterIds());
        return ids;
    }

    @Override
    public void configuration() {
        routeConfiguration().interceptFrom("rest*")
                .process(access)
                .filter(exchangeProperty(ApiAccess.DENIED).isEqualTo(true))
                    .stop()
                .end();
    }
}
