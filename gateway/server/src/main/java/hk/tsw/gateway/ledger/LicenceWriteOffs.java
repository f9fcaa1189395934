package hk.tsw.gateway.ledger;

import static hk.tsw.gateway.ledger.CanonicalNodes.children;
import static hk.tsw.gateway.ledger.CanonicalNodes.child;
import static hk.tsw.gateway.ledger.CanonicalNodes.text;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.xml.transform.sax.SAXSource;

import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.catalogue.DocumentCatalog;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.rules.RuleFailure;
import hk.tsw.gateway.store.LicenceLedger;
import hk.tsw.gateway.security.SecureXml;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.streams.Steps;
import org.xml.sax.InputSource;

/**
 * Declarations against the licence ledger, after the business rules and before the documents are recorded: every
 * goods item citing a licence ({@code GoodsItem/AdditionalDocument/ID}) whose LPCO type the catalogue marks
 * {@code checkedAgainstLedger}, or that asks for a write-off explicitly ({@code AdditionalDocument/WriteOff}), is
 * checked and written off by {@link LicenceLedger}; a refusal becomes a business-rule failure located at the citation
 * ({@code /TradeDocument/GoodsItem[i]/AdditionalDocument[j]/ID}), so the APERAK or WCO Response carries it. A
 * cancellation ({@code Header/FunctionCode} 1: CUSDEC BGM 1225 = 1, or a WCO declaration with FunctionCode 1) gives
 * back what the sender's declaration of that reference wrote off; an amendment (FunctionCode 4 or 5) replaces it: its
 * write-offs are checked with the earlier ones of the same reference given back, and recorded instead of them. A cargo
 * An operator's replay of an interchange counts as an amendment of each of its declarations, so the replay replaces
 * the first processing's write-offs instead of adding to them. A cargo
 * manifest's goods items citing such licences ({@code Consignment[n]/GoodsItem[k]/AdditionalDocument/ID}, house
 * consignments too) are checked the same way (status, validity, holder = the consignment's consignee or consignor, and
 * HS code and quantity where given) but write nothing off: the declaration does.
 *
 * <p>The quantity written off is, in the licensed line's unit: the explicit write-off, else the item's
 * {@code TariffQuantity}, {@code NetMassMeasure} or {@code GrossMassMeasure}. The licence holder must be the
 * importer (import declaration) or exporter (export declaration), never the declarant who lodged it. Call inside the
 * transaction that records the interchange's documents, so a write-off commits with them or not at all.
 */
public final class LicenceWriteOffs {

    /** Header/FunctionCode of a cancellation (UN/EDIFACT 1225 code 1, which WCO DM data element 017 uses). */
    public static final String CANCELLATION = "1";
    /** Header/FunctionCode of an amendment (1225 code 4 change, 5 replace): it replaces the reference's write-offs. */
    public static final Set<String> AMENDMENT = Set.of("4", "5");

    private final LicenceLedger ledger;
    private final Predicate<String> checkedType;

    public LicenceWriteOffs(LicenceLedger ledger, DocumentCatalog catalogue) {
        this(ledger, type -> catalogue.byCode(type).map(e -> Boolean.TRUE.equals(e.checkedAgainstLedger())).orElse(false));
    }

    public LicenceWriteOffs(LicenceLedger ledger, Predicate<String> checkedType) {
        this.ledger = ledger;
        this.checkedType = checkedType;
    }

    /**
     * Checks and writes off every accepted declaration of {@code checked}; returns it with the ledger's refusals
     * added as failures. {@code notes} receives one line per cancellation that gave quantities back.
     */
    public SubmissionChecker.Checked apply(String partner, long interchangeId, SubmissionChecker.Checked checked,
                                           List<String> notes) {
        return apply(partner, interchangeId, checked, notes, true);
    }

    /** The pre-flight check: the same refusals as a real submission would get; nothing written off or given back. */
    public SubmissionChecker.Checked preview(String partner, SubmissionChecker.Checked checked) {
        return apply(partner, 0, checked, new ArrayList<>(), false);
    }

    private SubmissionChecker.Checked apply(String partner, long interchangeId, SubmissionChecker.Checked checked,
                                            List<String> notes, boolean record) {
        Map<MessageOutcome, List<RuleFailure>> failures = new IdentityHashMap<>(checked.failures());
        boolean changed = false;
        // an operator's replay processes the same declarations again: each replaces its first processing's
        // write-offs (as an amendment does) rather than writing the same goods off twice
        boolean replay = record && ledger.isReplay(interchangeId);
        for (MessageOutcome m : checked.translation().messages()) {
            if (!checked.accepted(m) || "LPCO_APPLICATION".equals(m.document().documentType())) {
                continue;
            }
            XdmNode root = root(m);
            XdmNode header = child(root, "Header");
            String reference = m.document().functionalReference();
            if ("CARGO_MANIFEST".equals(m.document().documentType())) {
                List<RuleFailure> refused = manifestRefusals(partner, interchangeId, m, root, header);
                if (!refused.isEmpty()) {
                    List<RuleFailure> all = new ArrayList<>(failures.getOrDefault(m, List.of()));
                    all.addAll(refused);
                    failures.put(m, List.copyOf(all));
                    changed = true;
                }
                continue;
            }
            if (CANCELLATION.equals(text(child(header, "FunctionCode")))) {
                int n = record ? ledger.giveBack(partner, reference) : 0;
                if (n > 0) {
                    notes.add("CANCELLED " + reference + ": " + n + " licence write-off(s) given back");
                }
                continue;
            }
            List<LicenceLedger.Citation> citations = new ArrayList<>();
            List<String> xpaths = new ArrayList<>();
            cite(root, "/TradeDocument", citations, xpaths);
            boolean amends = replay || AMENDMENT.contains(text(child(header, "FunctionCode")));
            if (citations.isEmpty()) {
                // an amendment that no longer cites a licence gives back what the declaration wrote off before
                int n = amends && record ? ledger.giveBack(partner, reference) : 0;
                if (n > 0) {
                    notes.add("AMENDED " + reference + ": " + n + " licence write-off(s) given back");
                }
                continue;
            }
            LicenceLedger.Declaration d = new LicenceLedger.Declaration(partner, reference, interchangeId,
                    m.messageRef() == null ? reference : m.messageRef(), date(header), holders(root, m.document().documentType()),
                    amends);
            List<LicenceLedger.Refusal> refusals = ledger.writeOff(d, citations, checkedType, record);
            if (!refusals.isEmpty()) {
                List<RuleFailure> all = new ArrayList<>(failures.getOrDefault(m, List.of()));
                for (LicenceLedger.Refusal r : refusals) {
                    all.add(new RuleFailure(r.code(), xpaths.get(r.citation()), citations.get(r.citation()).licenceNumber(),
                            r.reason()));
                }
                failures.put(m, List.copyOf(all));
                changed = true;
            }
        }
        return changed ? new SubmissionChecker.Checked(checked.translation(), failures) : checked;
    }

    /** The citations of the goods items directly under {@code parent} (at {@code path}), and the xpath of each. */
    private static void cite(XdmNode parent, String path, List<LicenceLedger.Citation> citations, List<String> xpaths) {
        int item = 0;
        for (XdmNode goods : children(parent, "GoodsItem")) {
            item++;
            int doc = 0;
            for (XdmNode ad : children(goods, "AdditionalDocument")) {
                doc++;
                String number = text(child(ad, "ID"));
                if (number == null) {
                    continue;
                }
                List<LicenceLedger.Quantity> quantities = new ArrayList<>();
                XdmNode explicit = child(child(ad, "WriteOff"), "QuantityQuantity");
                add(quantities, explicit);
                XdmNode measure = child(goods, "GoodsMeasure");
                for (String name : new String[]{"TariffQuantity", "NetMassMeasure", "GrossMassMeasure"}) {
                    add(quantities, child(measure, name));
                }
                String seq = text(child(goods, "SequenceNumeric"));
                citations.add(new LicenceLedger.Citation(seq == null ? item : Integer.parseInt(seq), number,
                        hs(goods), quantities, explicit != null));
                xpaths.add(path + "/GoodsItem[" + item + "]/AdditionalDocument[" + doc + "]/ID");
            }
        }
    }

    /**
     * A manifest's lines citing licences, per consignment and house consignment, checked against the ledger without
     * writing anything off (the declaration writes off); the holder is the consignment's consignee or consignor.
     */
    private List<RuleFailure> manifestRefusals(String partner, long interchangeId, MessageOutcome m, XdmNode root,
                                               XdmNode header) {
        List<RuleFailure> out = new ArrayList<>();
        int n = 0;
        for (XdmNode cons : children(root, "Consignment")) {
            String path = "/TradeDocument/Consignment[" + ++n + "]";
            out.addAll(consignmentRefusals(partner, interchangeId, m, header, cons, path));
            int h = 0;
            for (XdmNode house : children(cons, "HouseConsignment")) {
                out.addAll(consignmentRefusals(partner, interchangeId, m, header, house, path + "/HouseConsignment[" + ++h + "]"));
            }
        }
        return out;
    }

    private List<RuleFailure> consignmentRefusals(String partner, long interchangeId, MessageOutcome m, XdmNode header,
                                                  XdmNode consignment, String path) {
        List<LicenceLedger.Citation> citations = new ArrayList<>();
        List<String> xpaths = new ArrayList<>();
        cite(consignment, path, citations, xpaths);
        if (citations.isEmpty()) {
            return List.of();
        }
        String reference = m.document().functionalReference();
        LicenceLedger.Declaration d = new LicenceLedger.Declaration(partner, reference, interchangeId,
                m.messageRef() == null ? reference : m.messageRef(), date(header), holders(consignment, "CARGO_MANIFEST"));
        List<RuleFailure> out = new ArrayList<>();
        for (LicenceLedger.Refusal r : ledger.checkManifest(d, citations, checkedType)) {
            out.add(new RuleFailure(r.code(), xpaths.get(r.citation()), citations.get(r.citation()).licenceNumber(), r.reason()));
        }
        return out;
    }

    /**
     * The importer's (import) or exporter's (export) party ids; a manifest consignment's consignee and consignor;
     * importer and exporter for other document types.
     */
    private static Set<String> holders(XdmNode root, String documentType) {
        Set<String> roles = switch (documentType) {
            case "IMPORT_DECLARATION" -> Set.of("IMPORTER");
            case "EXPORT_DECLARATION" -> Set.of("EXPORTER");
            case "CARGO_MANIFEST" -> Set.of("CONSIGNEE", "CONSIGNOR"); // of the consignment given
            default -> Set.of("IMPORTER", "EXPORTER");
        };
        Set<String> ids = new LinkedHashSet<>();
        for (XdmNode p : children(root, "Party")) {
            String id = text(child(p, "ID"));
            if (id != null && roles.contains(p.attribute("role"))) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The declaration's date: its IssueDateTime, else today (UTC). */
    private static LocalDate date(XdmNode header) {
        String issued = text(child(header, "IssueDateTime"));
        return issued != null && issued.length() >= 10 ? LocalDate.parse(issued.substring(0, 10))
                : LocalDate.now(ZoneOffset.UTC);
    }

    private static String hs(XdmNode goods) {
        XdmNode commodity = child(goods, "Commodity");
        String any = null;
        for (XdmNode c : children(commodity, "Classification")) {
            String id = text(child(c, "ID"));
            if ("HS".equals(c.attribute("listID")) && id != null) {
                return id;
            }
            any = any == null ? id : any;
        }
        return any;
    }

    private static void add(List<LicenceLedger.Quantity> quantities, XdmNode measure) {
        String value = text(measure);
        if (value != null && measure.attribute("unitCode") != null) {
            quantities.add(new LicenceLedger.Quantity(new BigDecimal(value), measure.attribute("unitCode").trim()));
        }
    }

    private static XdmNode root(MessageOutcome m) {
        XdmNode tree = m.document().tree();
        if (tree == null) {
            try {
                tree = SecureXml.saxon().newDocumentBuilder().build(new SAXSource(SecureXml.xmlReader(),
                        new InputSource(new ByteArrayInputStream(m.document().xml()))));
            } catch (SaxonApiException e) {
                throw new IllegalArgumentException("not a canonical trade document: " + e.getMessage(), e);
            }
        }
        XdmNode top = tree.select(Steps.child("TradeDocument")).asOptionalNode().orElse(null);
        return top != null ? top : tree;
    }
}
