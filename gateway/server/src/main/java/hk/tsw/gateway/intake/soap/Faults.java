package hk.tsw.gateway.intake.soap;

import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.intake.soap.contract.GatewayFault;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultCode;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultMessage;
import org.apache.cxf.interceptor.Fault;

/**
 * The service's own faults ({@code soap:Client}): a {@link GatewayFaultCode} of the contract, a plain-English reason
 * and, for documents, every located error.
 */
final class Faults {

    private Faults() {
    }

    static GatewayFaultMessage fault(GatewayFaultCode code, String reason, Long messageId, List<LocatedError> errors) {
        GatewayFault f = new GatewayFault();
        f.setCode(code);
        f.setReason(reason);
        f.setMessageId(messageId);
        for (LocatedError e : errors) {
            hk.tsw.gateway.intake.soap.contract.LocatedError l = new hk.tsw.gateway.intake.soap.contract.LocatedError();
            if (e.line() > 0) {
                l.setLine(e.line());
            }
            l.setXPath(e.xpath());
            if (e.segmentTag() != null) {
                l.setSegment(e.segmentNumber() + " (" + e.segmentTag() + ")"
                        + (e.element() > 0 ? " element " + e.element() + (e.component() > 0 ? "." + e.component() : "") : ""));
            }
            l.setMessage(e.format().replaceFirst("^line 0: ", ""));
            f.getError().add(l);
        }
        return new GatewayFaultMessage(code.value() + ": " + reason, f);
    }

    static GatewayFaultMessage fault(GatewayFaultCode code, String reason) {
        return fault(code, reason, null, List.of());
    }

    /** Makes a fault CXF raised (not our endpoint) a {@code soap:Client} fault with a GatewayFault detail. */
    static void asClientFault(Fault f, GatewayFaultCode code, String reason) {
        f.setMessage(code.value() + ": " + reason);
        f.setFaultCode(Fault.FAULT_CODE_CLIENT);
        Element detail = f.getOrCreateDetail();
        while (detail.getFirstChild() != null) {
            detail.removeChild(detail.getFirstChild());
        }
        Document doc = detail.getOwnerDocument();
        Element gf = doc.createElementNS(SoapAuthorizer.NS, "tsw:GatewayFault");
        gf.appendChild(child(doc, "Code", code.value()));
        gf.appendChild(child(doc, "Reason", reason));
        detail.appendChild(gf);
    }

    /** A whole fault envelope as text, for answers sent before CXF sees the request ({@link BodyCapHandler}). */
    static String envelope(GatewayFaultCode code, String reason) {
        String r = escape(reason);
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:Client</faultcode><faultstring>" + code.value() + ": " + r + "</faultstring>"
                + "<detail><tsw:GatewayFault xmlns:tsw=\"" + SoapAuthorizer.NS + "\"><tsw:Code>" + code.value()
                + "</tsw:Code><tsw:Reason>" + r + "</tsw:Reason></tsw:GatewayFault></detail>"
                + "</soap:Fault></soap:Body></soap:Envelope>";
    }

    private static Element child(Document doc, String name, String text) {
        Element e = doc.createElementNS(SoapAuthorizer.NS, "tsw:" + name);
        e.setTextContent(text);
        return e;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
