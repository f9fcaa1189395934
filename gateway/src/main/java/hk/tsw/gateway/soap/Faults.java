package hk.tsw.gateway.soap;

import java.util.List;

import hk.tsw.gateway.edifact.LocatedError;
import hk.tsw.gateway.soap.contract.GatewayFault;
import hk.tsw.gateway.soap.contract.GatewayFaultMessage;

/** The service's own faults: a code, a plain-English reason and, for documents, every located error. */
final class Faults {

    private Faults() {
    }

    static GatewayFaultMessage fault(String code, String reason, Long messageId, List<LocatedError> errors) {
        GatewayFault f = new GatewayFault();
        f.setCode(code);
        f.setReason(reason);
        f.setMessageId(messageId);
        for (LocatedError e : errors) {
            hk.tsw.gateway.soap.contract.LocatedError l = new hk.tsw.gateway.soap.contract.LocatedError();
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
        return new GatewayFaultMessage(code + ": " + reason, f);
    }

    static GatewayFaultMessage fault(String code, String reason) {
        return fault(code, reason, null, List.of());
    }
}
