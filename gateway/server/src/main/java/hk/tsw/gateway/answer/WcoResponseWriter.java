package hk.tsw.gateway.answer;

import hk.tsw.gateway.store.DecisionStatus;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.rules.RuleFailure;

/**
 * Answers an XML (WCO DEC-DMS) submission with a WCO Response in the DEC-DMS notification form: {@code MetaData}
 * (urn:wco:datamodel:WCO:DocumentMetaData-DMS:2) holding one RES-DMS {@code Response}. FunctionCode 03 (rejected,
 * HMRC DMSREJ) when there is any failure or mapping error, else 01 (accepted, DMSACC). One {@code Error} per failure:
 * {@code Description} (plain English with the canonical path, at most 512 characters), {@code ValidationCode} (the
 * rule id; {@code MAPPING} for errors the mapping found) and {@code Pointer}s as HMRC gives them (see
 * {@link WcoPointers}). {@code Declaration/FunctionalReferenceID} is the submission's LRN. Output is UTF-8 and valid
 * against {@code xsd/inbound/wco-res-dms-2/DocumentMetaData_2_DMS_RES.xsd}.
 */
public final class WcoResponseWriter {

    public static final String META_NS = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2";
    public static final String RES_NS = "urn:wco:datamodel:WCO:RES-DMS:2";
    public static final String RES_DS_NS = "urn:wco:datamodel:WCO:Response_DS:DMS:2";
    private static final int DESCRIPTION_MAX = 512;
    private static final DateTimeFormatter WCO_304 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private final Clock clock;
    private final WcoPointers pointers = new WcoPointers();
    private final AtomicInteger sequence = new AtomicInteger();

    public WcoResponseWriter(Clock clock) {
        this.clock = clock;
    }

    /** @param outcome an XML submission's outcome; @param failures the business rules its canonical document broke */
    public byte[] write(MessageOutcome outcome, List<RuleFailure> failures) {
        if (outcome.edifact() != null) {
            throw new IllegalArgumentException("a WCO Response answers XML submissions; use AperakWriter for EDIFACT");
        }
        boolean rejected = !failures.isEmpty() || !outcome.errors().isEmpty() || outcome.document() == null;
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        String issued = now.format(WCO_304);
        String lrn = outcome.document() != null ? outcome.document().functionalReference() : outcome.messageRef();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter w = startMetaData(out, "Hong Kong Trade Single Window");
            w.writeStartElement(RES_NS, "Response");
            text(w, RES_NS, "FunctionCode", rejected ? "03" : "01");
            text(w, RES_NS, "FunctionalReferenceID", "TSW" + issued.substring(0, 14)
                    + String.format(Locale.ROOT, "%03d", sequence.getAndIncrement() % 1000));
            dateTime(w, "IssueDateTime", issued);
            for (LocatedError e : outcome.errors()) {
                error(w, e.format(), "MAPPING", List.of(new WcoPointers.Pointer(null, "42A", null)));
            }
            for (RuleFailure f : failures) {
                error(w, f.message() + " (at " + f.xpath() + ")" + f.adviceSuffix(), f.rule(), pointers.pointers(f.xpath()));
            }
            return finish(w, out, rejected ? null : issued, lrn, rejected ? issued : null);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the WCO Response: " + e.getMessage(), e);
        }
    }

    /**
     * An agency's decision on an XML submission, as DEC-DMS notifications carry it: FunctionCode 01 accepted (and a
     * licence or permit issued), 03 rejected or refused, 05 held for (physical) control, 06 more information requested
     * (documents to be produced, as UN/EDIFACT 7365 code 6), 09 released/cleared; licence or permit number and
     * validity, each licensed line ("Licensed line n: HS code, quantity unit") and the reasons as
     * AdditionalInformation statements.
     */
    public byte[] writeDecision(String lrn, hk.tsw.gateway.store.DecisionStore.Decision d) {
        String code = DecisionStatus.of(d.decision()).map(s -> switch (s) {
            case REJECTED, REFUSED -> "03";
            case MORE_INFORMATION_REQUESTED -> "06";
            case HELD_FOR_INSPECTION -> "05";
            case RELEASED -> "09";
            default -> "01";
        }).orElse("01");
        String issued = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC).format(WCO_304);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter w = startMetaData(out, d.agency());
            w.writeStartElement(RES_NS, "Response");
            text(w, RES_NS, "FunctionCode", code);
            text(w, RES_NS, "FunctionalReferenceID", "TSW" + issued.substring(0, 14)
                    + String.format(Locale.ROOT, "%03d", sequence.getAndIncrement() % 1000));
            dateTime(w, "IssueDateTime", issued);
            List<String> statements = new java.util.ArrayList<>();
            statements.add(d.agency() + " decision: " + d.decision());
            if (d.licenceNumber() != null) {
                statements.add((d.decision().startsWith("PERMIT") ? "Permit " : "Licence ") + d.licenceNumber()
                        + (d.validFrom() == null ? "" : " valid from " + d.validFrom())
                        + (d.validTo() == null ? "" : " to " + d.validTo()));
            }
            int n = 0;
            for (hk.tsw.gateway.store.DecisionStore.LicensedLine line : d.lines()) {
                statements.add("Licensed line " + ++n + ": HS " + line.hsCode() + ", "
                        + line.quantity().stripTrailingZeros().toPlainString() + " " + line.unit());
            }
            statements.addAll(d.reasons());
            for (String statement : statements) {
                w.writeStartElement(RES_NS, "AdditionalInformation");
                text(w, RES_NS, "StatementDescription", EdifactSegmentWriter.shorten(statement, DESCRIPTION_MAX));
                w.writeEndElement();
            }
            return finish(w, out, null, lrn, "03".equals(code) ? issued : null);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the WCO Response: " + e.getMessage(), e);
        }
    }

    /** The Declaration part (acceptance or rejection time, the submission's LRN) and the end of the document. */
    private static byte[] finish(XMLStreamWriter w, ByteArrayOutputStream out, String acceptedAt, String lrn,
                                 String rejectedAt) throws XMLStreamException {
        w.writeStartElement(RES_NS, "Declaration");
        if (acceptedAt != null) {
            dateTime(w, "AcceptanceDateTime", acceptedAt);
        }
        if (lrn != null && !lrn.isEmpty()) {
            text(w, RES_NS, "FunctionalReferenceID", lrn.length() > 35 ? lrn.substring(0, 35) : lrn);
        }
        if (rejectedAt != null) {
            dateTime(w, "RejectionDateTime", rejectedAt);
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return out.toByteArray();
    }

    /** The DEC-DMS notification envelope, up to and including ResponsibleAgencyName. */
    private static XMLStreamWriter startMetaData(ByteArrayOutputStream out, String agencyName) throws XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.setPrefix("md", META_NS);
        w.setDefaultNamespace(RES_NS);
        w.setPrefix("ds", RES_DS_NS);
        w.writeStartElement(META_NS, "MetaData");
        w.writeNamespace("md", META_NS);
        w.writeDefaultNamespace(RES_NS);
        w.writeNamespace("ds", RES_DS_NS);
        text(w, META_NS, "WCODataModelVersionCode", "3.6");
        text(w, META_NS, "WCOTypeName", "RES");
        text(w, META_NS, "ResponsibleCountryCode", "HK");
        text(w, META_NS, "ResponsibleAgencyName", agencyName);
        return w;
    }

    private static void error(XMLStreamWriter w, String description, String code, List<WcoPointers.Pointer> pointers)
            throws XMLStreamException {
        w.writeStartElement(RES_NS, "Error");
        text(w, RES_NS, "Description", EdifactSegmentWriter.shorten(description, DESCRIPTION_MAX));
        text(w, RES_NS, "ValidationCode", code.length() > 8 ? code.substring(0, 8) : code);
        for (WcoPointers.Pointer p : pointers) {
            w.writeStartElement(RES_NS, "Pointer");
            if (p.sequence() != null) {
                text(w, RES_NS, "SequenceNumeric", String.valueOf(p.sequence()));
            }
            text(w, RES_NS, "DocumentSectionCode", p.section());
            if (p.tag() != null) {
                text(w, RES_NS, "TagID", p.tag());
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void dateTime(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(RES_NS, name);
        w.writeStartElement(RES_DS_NS, "DateTimeString");
        w.writeAttribute("formatCode", "304");
        w.writeCharacters(value);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String ns, String name, String value) throws XMLStreamException {
        w.writeStartElement(ns, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
