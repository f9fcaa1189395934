package hk.tsw.gateway.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import hk.tsw.gateway.ledger.LpcoApplication;
import hk.tsw.gateway.store.DecisionStore;
import hk.tsw.gateway.store.LicenceLedger;

/**
 * A licence or permit an agency issues on an LPCO application (LICENCE_ISSUED / PERMIT_ISSUED with a number) enters
 * the licence ledger: LPCO type and holder (the applicant's party id) from the application; licensed lines and
 * validity as the decision posts them, else the application's lines and requested validity. Checked before the
 * decision is recorded (a number the ledger already holds for another document is a conflict), entered after.
 */
public final class IssuedLicences {

    /** The licence number is already in the ledger for something else. */
    static final class Conflict extends IllegalArgumentException {
        Conflict(String message) {
            super(message);
        }
    }

    /** The decision as it will be answered (with its lines), and what enters the ledger (null: nothing). */
    public record Issue(DecisionStore.Decision decision, long documentId, LpcoApplication application) {
    }

    private final DecisionStore decisions;
    private final LicenceLedger ledger;

    public IssuedLicences(DecisionStore decisions, LicenceLedger ledger) {
        this.decisions = decisions;
        this.ledger = ledger;
    }

    /**
     * The decision completed with lines and validity, and the ledger entry to make.
     *
     * @throws IllegalArgumentException (a {@link Conflict} for a number already used) when it cannot be entered
     */
    Issue prepare(long documentId, DecisionStore.Decision d, JsonNode postedLines) {
        List<DecisionStore.LicensedLine> lines = lines(postedLines);
        DecisionStore.Canonical canonical = decisions.canonical(documentId);
        if (canonical == null || !"LPCO_APPLICATION".equals(canonical.documentType())) {
            return new Issue(with(d, lines, d.validFrom(), d.validTo()), documentId, null);
        }
        LpcoApplication application = LpcoApplication.read(canonical.xml());
        if (application.holder() == null) {
            throw new IllegalArgumentException("the application names no applicant id (Party APPLICANT/ID), so licence "
                    + d.licenceNumber() + " cannot be entered in the licence ledger");
        }
        LicenceLedger.Licence existing = ledger.find(d.licenceNumber()).orElse(null);
        if (existing != null && !(existing.agency().equals(d.agency()) && application.holder().equals(existing.holderId()))) {
            throw new Conflict("licence number " + d.licenceNumber() + " is already in the licence ledger for another"
                    + " licence; an issued licence needs a number of its own");
        }
        String from = d.validFrom() != null ? d.validFrom() : application.validFrom();
        String to = d.validTo() != null ? d.validTo() : application.validTo();
        for (String date : new String[]{from, to}) {
            if (date != null) {
                try {
                    LocalDate.parse(date);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("validity date " + date + " is not an ISO date (YYYY-MM-DD)");
                }
            }
        }
        return new Issue(with(d, lines.isEmpty() ? application.lines() : lines, from, to), documentId, application);
    }

    /** Enters the licence (nothing when the number is there already: a resent decision). */
    void enter(Issue issue) {
        if (issue.application() == null) {
            return;
        }
        DecisionStore.Decision d = issue.decision();
        List<LicenceLedger.Line> lines = d.lines().stream().map(l -> new LicenceLedger.Line(0, l.hsCode(), l.quantity(),
                l.unit(), BigDecimal.ZERO)).toList();
        ledger.add(d.licenceNumber(), issue.application().lpcoType(), d.agency(), issue.application().holder(),
                d.validFrom() == null ? null : LocalDate.parse(d.validFrom()),
                d.validTo() == null ? null : LocalDate.parse(d.validTo()), "ISSUED", issue.documentId(), lines);
    }

    /** {@code [{"hsCode": "8542", "quantity": 100, "unit": "NAR"}]}; each field required. */
    static List<DecisionStore.LicensedLine> lines(JsonNode posted) {
        List<DecisionStore.LicensedLine> lines = new ArrayList<>();
        if (posted == null || posted.isMissingNode() || posted.isNull()) {
            return lines;
        }
        if (!posted.isArray()) {
            throw new IllegalArgumentException("licence.lines must be an array of {hsCode, quantity, unit}");
        }
        int n = 0;
        for (JsonNode l : posted) {
            n++;
            String hs = l.path("hsCode").asText("").trim();
            String unit = l.path("unit").asText("").trim();
            JsonNode q = l.path("quantity");
            if (!hs.matches("[0-9]{2,12}") || !unit.matches("[A-Z0-9]{1,8}") || !q.isNumber() || q.decimalValue().signum() <= 0) {
                throw new IllegalArgumentException("licence.lines[" + n + "] needs hsCode (2 to 12 digits), a positive"
                        + " quantity and unit (UN/ECE Rec 20, e.g. NAR, KGM)");
            }
            lines.add(new DecisionStore.LicensedLine(hs, q.decimalValue(), unit));
        }
        return lines;
    }

    private static DecisionStore.Decision with(DecisionStore.Decision d, List<DecisionStore.LicensedLine> lines,
                                               String from, String to) {
        return new DecisionStore.Decision(d.agency(), d.decision(), d.reasons(), d.licenceNumber(), from, to,
                d.agencyReference(), lines);
    }
}
