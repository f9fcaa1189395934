package hk.tsw.gateway.store;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The licence ledger: licences issued through the gateway or registered by their agency, their licensed lines, and
 * the quantities declarations wrote off against each line.
 *
 * <p>Promises: a write-off is checked and recorded with the licence's lines locked ({@code SELECT ... FOR UPDATE},
 * H2 and PostgreSQL alike) in the same transaction, so two consumers or nodes writing off the same line are
 * serialised and cannot together exceed the licensed quantity; a declaration's write-offs are all recorded or none;
 * recording the same declaration message again records nothing twice; a cancellation gives back exactly what the
 * declaration wrote off, once. Called inside {@link MessageStore#inOneTransaction}, everything commits with the
 * interchange's other rows.
 */
public final class LicenceLedger {

    public static final String VALID = "VALID";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String REVOKED = "REVOKED";

    /** A licensed line: HS code (a declared code must start with it), quantity and unit, what is written off. */
    public record Line(int lineNo, String hsCode, BigDecimal quantity, String unit, BigDecimal writtenOff) {
        public BigDecimal remaining() {
            return quantity.subtract(writtenOff);
        }
    }

    public record Licence(String number, String lpcoType, String agency, String holderId, LocalDate validFrom,
                          LocalDate validTo, String status, String origin, String statusReason, List<Line> lines) {
    }

    /** A quantity with its unit (UN/ECE Rec 20). */
    public record Quantity(BigDecimal value, String unit) {
    }

    /**
     * A goods item citing a document: the item's sequence number, the cited number, the item's HS code, the
     * quantities it offers for the write-off (an explicit write-off first, then its measures) and whether the
     * write-off was asked for explicitly (then the licence must be in the ledger).
     */
    public record Citation(int goodsItem, String licenceNumber, String hsCode, List<Quantity> quantities,
                           boolean explicit) {
    }

    /**
     * The declaration writing off: who sent it, its reference, where it is stored, its date and its traders; and
     * whether it amends (replaces) the sender's earlier declaration of the same reference, whose write-offs it then
     * replaces instead of adding to them.
     */
    public record Declaration(String partner, String reference, long interchangeId, String messageRef, LocalDate date,
                              Set<String> holders, boolean amends) {
        public Declaration(String partner, String reference, long interchangeId, String messageRef, LocalDate date,
                           Set<String> holders) {
            this(partner, reference, interchangeId, messageRef, date, holders, false);
        }
    }

    /** Why a citation cannot be written off: its index in the list given, a rule code and a plain reason. */
    public record Refusal(int citation, String code, String reason) {
    }

    private final Jdbc jdbc;
    private final Runnable beforeLock;

    public LicenceLedger(MessageStore store) {
        this(store, () -> { });
    }

    /** @param beforeLock a test hook run just before the lines are locked (the product passes a no-op) */
    public LicenceLedger(MessageStore store, Runnable beforeLock) {
        this.jdbc = store.jdbc();
        this.beforeLock = beforeLock;
    }

    /**
     * Records a licence with its lines; false (nothing changed) when the number is already in the ledger.
     *
     * @param origin ISSUED (a decision through the gateway) or REGISTERED (by the agency, through the API)
     */
    public boolean add(String number, String lpcoType, String agency, String holder, LocalDate validFrom,
                       LocalDate validTo, String origin, Long documentId, List<Line> lines) {
        return jdbc.tx(c -> {
            if (Jdbc.queryLong(c, "SELECT id FROM licence WHERE licence_number = ?", number) != null) {
                return false;
            }
            long id = Jdbc.insert(c, "INSERT INTO licence (licence_number, lpco_type, agency, holder_id, valid_from,"
                    + " valid_to, status, origin, document_id, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", number,
                    lpcoType, agency, holder, date(validFrom), date(validTo), VALID, origin, documentId, Instant.now());
            int n = 0;
            for (Line l : lines) {
                Jdbc.update(c, "INSERT INTO licence_line (licence_id, line_no, hs_code, quantity, unit) VALUES (?,?,?,?,?)",
                        id, ++n, l.hsCode(), l.quantity(), l.unit());
            }
            return true;
        });
    }

    /**
     * Whether the interchange is an operator's replay of an earlier one ({@code replay_of} set): its declarations then
     * replace what the first processing wrote off, as an amendment does, instead of writing off a second time.
     */
    public boolean isReplay(long interchangeId) {
        return interchangeId > 0 && jdbc.tx(c -> Jdbc.queryLong(c,
                "SELECT replay_of FROM interchange WHERE id = ? AND replay_of IS NOT NULL", interchangeId) != null);
    }

    public Optional<Licence> find(String number) {
        return jdbc.tx(c -> Optional.ofNullable(LicenceRows.load(c, number, false)));
    }

    /** Suspends, revokes or reinstates (VALID) a licence of {@code agency}; empty when it has no such licence. */
    public Optional<Licence> setStatus(String number, String agency, String status, String reason) {
        return jdbc.tx(c -> {
            int n = Jdbc.update(c, "UPDATE licence SET status = ?, status_reason = ?, updated_at = ? WHERE"
                    + " licence_number = ? AND agency = ? AND status <> ?", status, reason, Instant.now(),
                    number, agency, REVOKED);
            return n == 0 ? Optional.<Licence>empty() : Optional.ofNullable(LicenceRows.load(c, number, false));
        });
    }

    /**
     * Checks every citation of a licence whose LPCO type is checked (or that asks for a write-off explicitly) and,
     * when none is refused, records the write-offs; returns the refusals (empty: accepted, or nothing to check).
     */
    public List<Refusal> writeOff(Declaration d, List<Citation> citations, Predicate<String> checkedType) {
        return writeOff(d, citations, checkedType, true);
    }

    /**
     * As {@link #writeOff(Declaration, List, Predicate)}; with {@code record} false it only checks (the pre-flight
     * check: nothing locked, nothing written).
     */
    public List<Refusal> writeOff(Declaration d, List<Citation> citations, Predicate<String> checkedType, boolean record) {
        return jdbc.tx(c -> {
            if (Jdbc.queryLong(c, "SELECT id FROM licence_write_off WHERE interchange_id = ? AND message_ref = ?",
                    d.interchangeId(), d.messageRef()) != null) {
                return List.of(); // recorded by an earlier run of the same interchange
            }
            // an amendment replaces what the same reference wrote off before: credited while checking, given back when recorded
            List<Object[]> replaced = d.amends() ? LicenceRows.outstanding(c, d) : List.of();
            List<Refusal> refusals = new ArrayList<>();
            Map<Integer, String> checked = new HashMap<>();
            Map<String, String> types = new HashMap<>();
            for (int i = 0; i < citations.size(); i++) {
                Citation ct = citations.get(i);
                String type = LicenceRows.typeOf(c, types, ct.licenceNumber());
                if (type == null && ct.explicit()) {
                    refusals.add(new Refusal(i, "LIC-001", "Licence " + ct.licenceNumber() + " is not in the licence"
                            + " ledger: a write-off needs a licence issued through the Single Window or registered by its agency"));
                } else if (type != null && checkedType.test(type)) {
                    checked.put(i, type);
                }
            }
            if (checked.isEmpty()) {
                if (record && refusals.isEmpty()) {
                    LicenceRows.giveBack(c, replaced);
                }
                return refusals;
            }
            if (record) {
                beforeLock.run();
            }
            Map<String, Licence> locked = new HashMap<>();
            for (String number : checked.keySet().stream().map(i -> citations.get(i).licenceNumber()).sorted().distinct().toList()) {
                locked.put(number, LicenceRows.load(c, number, record));
            }
            Map<String, BigDecimal> planned = new HashMap<>(); // licence/line -> quantity planned by earlier items
            for (Object[] r : replaced) { // the amended declaration's earlier write-offs count as available again
                planned.merge(r[2] + "/" + r[3], ((BigDecimal) r[4]).negate(), BigDecimal::add);
            }
            List<Object[]> writes = new ArrayList<>();
            for (int i : checked.keySet().stream().sorted().toList()) {
                Citation ct = citations.get(i);
                Licence l = locked.get(ct.licenceNumber());
                String refusal = check(l, ct, d, planned, writes, false);
                if (refusal != null) {
                    refusals.add(new Refusal(i, refusal.substring(0, 7), refusal.substring(8)));
                }
            }
            if (!refusals.isEmpty() || !record) {
                return refusals;
            }
            LicenceRows.giveBack(c, replaced);
            Instant now = Instant.now();
            for (Object[] w : writes) {
                Licence l = (Licence) w[0];
                Line line = (Line) w[1];
                BigDecimal q = (BigDecimal) w[2];
                long lineId = Jdbc.queryLong(c, "SELECT ll.id FROM licence_line ll JOIN licence li ON li.id = ll.licence_id"
                        + " WHERE li.licence_number = ? AND ll.line_no = ?", l.number(), line.lineNo());
                Jdbc.update(c, "UPDATE licence_line SET written_off = written_off + ? WHERE id = ?", q, lineId);
                Jdbc.update(c, "INSERT INTO licence_write_off (line_id, partner_id, declaration_ref, interchange_id,"
                        + " message_ref, goods_item, quantity, recorded_at) VALUES (?,?,?,?,?,?,?,?)", lineId,
                        d.partner(), d.reference(), d.interchangeId(), d.messageRef(), (Integer) w[3], q, now);
            }
            return refusals;
        });
    }

    /**
     * Checks manifest lines citing licences (Cap. 60C: a manifest states the import or export licence number) and
     * writes nothing off (the declaration does): status, validity on the manifest's date, holder (the consignment's
     * consignee or consignor, {@code d.holders()}), and the HS code and quantity where the line gives them. Only
     * licences the ledger holds, of LPCO types the catalogue checks; nothing is locked.
     */
    public List<Refusal> checkManifest(Declaration d, List<Citation> citations, Predicate<String> checkedType) {
        return jdbc.tx(c -> {
            List<Refusal> refusals = new ArrayList<>();
            Map<String, BigDecimal> planned = new HashMap<>(); // lines of one consignment share what is left
            Map<String, String> types = new HashMap<>();
            for (int i = 0; i < citations.size(); i++) {
                Citation ct = citations.get(i);
                String type = LicenceRows.typeOf(c, types, ct.licenceNumber());
                if (type != null && checkedType.test(type)) {
                    String refusal = check(LicenceRows.load(c, ct.licenceNumber(), false), ct, d, planned,
                            new ArrayList<>(), true);
                    if (refusal != null) {
                        refusals.add(new Refusal(i, refusal.substring(0, 7), refusal.substring(8)));
                    }
                }
            }
            return refusals;
        });
    }

    /**
     * "LIC-00n reason" for a citation the licence does not allow, else null (and its write-off planned). A manifest
     * line ({@code manifest}) without an HS code or a quantity in the licence's unit is not checked on them.
     */
    private static String check(Licence l, Citation ct, Declaration d, Map<String, BigDecimal> planned,
                                List<Object[]> writes, boolean manifest) {
        String n = "Licence " + l.number() + " (" + l.lpcoType() + ")";
        if (!VALID.equals(l.status())) {
            return "LIC-002 " + n + " is " + l.status().toLowerCase() + (l.statusReason() == null ? ""
                    : " (" + l.statusReason() + ")") + " and cannot be written off";
        }
        if ((l.validFrom() != null && d.date().isBefore(l.validFrom())) || (l.validTo() != null && d.date().isAfter(l.validTo()))) {
            return "LIC-003 " + n + " is valid from " + l.validFrom() + " to " + l.validTo()
                    + ", not on the declaration's date " + d.date();
        }
        if (!d.holders().contains(l.holderId())) {
            return "LIC-004 " + n + " belongs to trader " + l.holderId() + ", not to the " + (manifest
                    ? "consignee or consignor of this consignment" : "importer or exporter of this declaration") + " ("
                    + (d.holders().isEmpty() ? "none named" : String.join(", ", d.holders())) + ")";
        }
        List<Line> covering = l.lines().stream().filter(x -> (manifest && ct.hsCode() == null)
                || (ct.hsCode() != null && ct.hsCode().startsWith(x.hsCode()))).toList();
        if (covering.isEmpty()) {
            return "LIC-005 " + n + " does not cover HS code " + ct.hsCode() + " (it licenses "
                    + String.join(", ", l.lines().stream().map(Line::hsCode).toList()) + ")";
        }
        Line first = null;
        BigDecimal firstQ = null;
        for (Line line : covering) {
            Quantity q = ct.quantities().stream().filter(x -> x.unit().equals(line.unit())).findFirst().orElse(null);
            if (q == null) {
                continue;
            }
            String key = l.number() + "/" + line.lineNo();
            BigDecimal remaining = line.remaining().subtract(planned.getOrDefault(key, BigDecimal.ZERO));
            if (q.value().compareTo(remaining) <= 0) {
                planned.merge(key, q.value(), BigDecimal::add);
                writes.add(new Object[]{l, line, q.value(), ct.goodsItem()});
                return null;
            }
            if (first == null) {
                first = line;
                firstQ = q.value();
            }
        }
        if (first == null) {
            return manifest ? null : "LIC-006 goods item " + ct.goodsItem() + " gives no quantity in " + covering.get(0).unit()
                    + ", the unit " + n + " is written off in";
        }
        BigDecimal remaining = first.remaining().subtract(planned.getOrDefault(l.number() + "/" + first.lineNo(), BigDecimal.ZERO));
        return "LIC-007 goods item " + ct.goodsItem() + " writes off " + firstQ.stripTrailingZeros().toPlainString() + " "
                + first.unit() + " against " + n + " line " + first.lineNo() + ", which has only "
                + remaining.stripTrailingZeros().toPlainString() + " " + first.unit() + " left of "
                + first.quantity().stripTrailingZeros().toPlainString();
    }

    /** Gives back what the partner's declaration {@code reference} wrote off; returns how many write-offs. */
    public int giveBack(String partner, String reference) {
        return jdbc.tx(c -> {
            List<Object[]> rows = LicenceRows.outstanding(c, new Declaration(partner, reference, 0, null, null, Set.of(), true));
            LicenceRows.giveBack(c, rows);
            return rows.size();
        });
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
