package hk.tsw.gateway.ledger;

import static hk.tsw.gateway.ledger.CanonicalNodes.child;
import static hk.tsw.gateway.ledger.CanonicalNodes.text;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.xml.transform.sax.SAXSource;

import hk.tsw.gateway.store.DecisionStore;
import hk.tsw.gateway.security.SecureXml;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.streams.Steps;
import org.xml.sax.InputSource;

/**
 * What the ledger takes from an LPCO application when its agency issues the licence: the LPCO type, the holder (the
 * applicant's party id), the lines applied for (HS code, {@code TariffQuantity} with its unit) and the validity
 * requested, the defaults of a LICENCE_ISSUED / PERMIT_ISSUED decision that does not say otherwise.
 */
public record LpcoApplication(String lpcoType, String holder, List<DecisionStore.LicensedLine> lines,
                              String validFrom, String validTo) {

    /** Reads a canonical LPCO_APPLICATION (parsed with the hardened parser). */
    public static LpcoApplication read(byte[] canonical) {
        XdmNode doc;
        try {
            doc = SecureXml.saxon().newDocumentBuilder().build(new SAXSource(SecureXml.xmlReader(),
                    new InputSource(new ByteArrayInputStream(canonical))));
        } catch (SaxonApiException e) {
            throw new IllegalArgumentException("not a canonical trade document: " + e.getMessage(), e);
        }
        XdmNode root = child(doc, "TradeDocument");
        XdmNode application = child(root, "LPCOApplication");
        String holder = null;
        for (XdmNode p : root.select(Steps.child("Party")).asListOfNodes()) {
            if ("APPLICANT".equals(p.attribute("role")) && text(child(p, "ID")) != null) {
                holder = text(child(p, "ID"));
                break;
            }
        }
        List<DecisionStore.LicensedLine> lines = new ArrayList<>();
        for (XdmNode goods : root.select(Steps.child("GoodsItem")).asListOfNodes()) {
            String hs = text(child(child(child(goods, "Commodity"), "Classification"), "ID"));
            XdmNode quantity = child(child(goods, "GoodsMeasure"), "TariffQuantity");
            if (hs != null && text(quantity) != null) {
                lines.add(new DecisionStore.LicensedLine(hs, new BigDecimal(text(quantity)), quantity.attribute("unitCode")));
            }
        }
        XdmNode validity = child(application, "RequestedValidity");
        return new LpcoApplication(text(child(application, "TypeCode")), holder, lines,
                text(child(validity, "StartDate")), text(child(validity, "EndDate")));
    }
}
