package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who a stored thing belongs to, for the API's per-resource checks: the partner that sent an interchange and the
 * agencies its documents were routed to, the interchange of an AS2 exchange, the issuing agency and holder of a
 * licence. Read-only.
 */
public final class AccessQueries {

    /** The sender and the agencies of an interchange (an agency is one when any of its documents was routed to it). */
    public record Owners(String partner, Set<String> agencies) {
    }

    /** The issuing agency and the holder's party id of a licence. */
    public record LicenceParties(String agency, String holder) {
    }

    private final Jdbc jdbc;

    public AccessQueries(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    public Optional<Owners> interchange(long id) {
        return jdbc.tx(c -> {
            String partner;
            try (PreparedStatement ps = c.prepareStatement("SELECT partner_id FROM interchange WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    partner = rs.getString(1);
                }
            }
            Set<String> agencies = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT d.agency FROM delivery d JOIN document doc"
                    + " ON doc.id = d.document_id WHERE doc.interchange_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        agencies.add(rs.getString(1));
                    }
                }
            }
            return Optional.of(new Owners(partner, agencies));
        });
    }

    /** The interchange an AS2 exchange carried or answered, with its partner; empty when there is no such exchange. */
    public Optional<Owners> as2Exchange(long id) {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT interchange_id, partner_id FROM as2_exchange WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Object interchange = rs.getObject(1);
                    String partner = rs.getString(2);
                    if (interchange == null) {
                        return Optional.of(new Owners(partner, Set.of()));
                    }
                    return Optional.of(interchange(((Number) interchange).longValue()).map(o -> new Owners(partner == null ? o.partner() : partner,
                            o.agencies())).orElse(new Owners(partner, Set.of())));
                }
            }
        });
    }

    public Optional<LicenceParties> licence(String number) {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT agency, holder_id FROM licence WHERE licence_number = ?")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new LicenceParties(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }
}
