package hk.tsw.gateway.intake.soap;

import hk.tsw.gateway.store.FileNames;
import hk.tsw.gateway.store.InterchangeState;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.intake.soap.contract.AcknowledgeResponsesRequest;
import hk.tsw.gateway.intake.soap.contract.AcknowledgeResponsesResponse;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultCode;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultMessage;
import hk.tsw.gateway.intake.soap.contract.GetResponsesRequest;
import hk.tsw.gateway.intake.soap.contract.GetResponsesResponse;
import hk.tsw.gateway.intake.soap.contract.GetStatusRequest;
import hk.tsw.gateway.intake.soap.contract.GetStatusResponse;
import hk.tsw.gateway.intake.soap.contract.PendingResponse;
import hk.tsw.gateway.intake.soap.contract.Receipt;
import hk.tsw.gateway.intake.soap.contract.SubmissionPortType;
import hk.tsw.gateway.intake.soap.contract.SubmitDocumentRequest;
import hk.tsw.gateway.store.ReplyStore;

import org.apache.cxf.phase.PhaseInterceptorChain;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The four operations of {@code xsd/soap/submission.wsdl}, for the partner {@link SoapAuthorizer} authenticated
 * (the service never takes a partner from the request body). Submissions go to {@link SoapIntake}; status to
 * {@link SoapStatus}; answers are the partner's {@code SOAP} replies of the {@link ReplyStore}, returned until
 * acknowledged.
 */
@jakarta.jws.WebService(endpointInterface = "hk.tsw.gateway.intake.soap.contract.SubmissionPortType",
        serviceName = "SubmissionService", portName = "SubmissionPort", targetNamespace = SoapAuthorizer.NS,
        wsdlLocation = "classpath:soap/submission.wsdl")
final class SubmissionEndpoint implements SubmissionPortType {

    /** The schema's bounds of MaxCount and of ResponseId elements per AcknowledgeResponses. */
    static final int MAX_LIST = 100;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubmissionEndpoint.class);

    private final PartnerRegistry partners;
    private final SoapIntake intake;
    private final SoapStatus status;
    private final ReplyStore replies;
    private final int maxResponses;
    private final DatatypeFactory dates;

    SubmissionEndpoint(PartnerRegistry partners, SoapIntake intake, SoapStatus status, ReplyStore replies,
                       int maxResponses) throws DatatypeConfigurationException {
        this.partners = partners;
        this.intake = intake;
        this.status = status;
        this.replies = replies;
        this.maxResponses = maxResponses;
        this.dates = DatatypeFactory.newDefaultInstance();
    }

    /** A request the schema or its limits refuse: logged once as refused, answered {@code BAD_REQUEST}. */
    private static GatewayFaultMessage badRequest(String reason) {
        Object partner = PhaseInterceptorChain.getCurrentMessage().getExchange().get(SoapAuthorizer.PARTNER);
        LOG.warn("SOAP_REJECTED code=BAD_REQUEST partner={} reason={}", partner, reason);
        return Faults.fault(GatewayFaultCode.BAD_REQUEST, reason);
    }

    private Partner caller() {
        String id = (String) PhaseInterceptorChain.getCurrentMessage().getExchange().get(SoapAuthorizer.PARTNER);
        // the authorizer runs before every operation; no partner here means the chain was misconfigured
        return partners.byId(id).orElseThrow(() -> new IllegalStateException("no authenticated SOAP partner"));
    }

    @Override
    public Receipt submitDocument(SubmitDocumentRequest request) throws GatewayFaultMessage {
        Partner partner = caller();
        SoapIntake.Submission s;
        if (request.getWcoDocument() != null) {
            if (!(request.getWcoDocument().getAny() instanceof Element unmarshalled)) {
                throw badRequest("WcoDocument must contain one XML element (the DEC-DMS md:MetaData)");
            }
            String reference = text(unmarshalled, "FunctionalReferenceID");
            // the partner's own characters, on the lines of its request; JAXB's copy only if they cannot be found
            byte[] sent = Optional.ofNullable(RawRequest.of(PhaseInterceptorChain.getCurrentMessage()))
                    .flatMap(SentDeclaration::of).map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .orElse(null);
            s = new SoapIntake.Submission(sent != null ? sent : serialize(unmarshalled), name(request, reference, ".xml"),
                    reference, true);
        } else if (request.getInterchange() != null && request.getInterchange().getValue() != null) {
            byte[] edi = request.getInterchange().getValue();
            String reference = SoapIntake.edifactReference(edi);
            s = new SoapIntake.Submission(edi, name(request, reference, ".edi"), reference, false);
        } else {
            throw badRequest("SubmitDocument needs a WcoDocument or an Interchange");
        }
        SoapIntake.Accepted a;
        try {
            a = intake.submit(partner, s);
        } catch (GatewayFaultMessage f) {
            if (request.getWcoDocument() != null && request.getWcoDocument().getAny() instanceof Element sent) {
                new PrefixedXPaths(sent).apply(f.getFaultInfo());
            }
            throw f;
        }
        Receipt r = new Receipt();
        r.setMessageId(a.messageId());
        r.setPartnerReference(s.reference());
        r.setReceivedAt(date(a.receivedAt().toEpochMilli()));
        r.setState((a.duplicate() ? InterchangeState.DUPLICATE : InterchangeState.RECEIVED).name());
        if (a.duplicate()) {
            r.setDuplicateOf(a.originalId());
            r.setNote(a.note());
        }
        return r;
    }

    @Override
    public GetStatusResponse getStatus(GetStatusRequest request) throws GatewayFaultMessage {
        return status.status(caller().id(), request);
    }

    @Override
    public GetResponsesResponse getResponses(GetResponsesRequest request) throws GatewayFaultMessage {
        Integer max = request.getMaxCount();
        if (max != null && (max < 1 || max > MAX_LIST)) {
            throw badRequest("MaxCount must be from 1 to " + MAX_LIST + ", not " + max);
        }
        int limit = max == null ? maxResponses : Math.min(max, maxResponses);
        GetResponsesResponse response = new GetResponsesResponse();
        for (ReplyStore.Reply reply : replies.pending(caller().id(), Partner.Channel.SOAP.name(), limit)) {
            PendingResponse p = new PendingResponse();
            p.setResponseId(reply.id());
            p.setMessageId(reply.interchangeId());
            p.setKind(reply.kind());
            p.setFileName(reply.fileName());
            p.setCreatedAt(date(reply.createdAt().toEpochMilli()));
            p.setContent(replies.content(reply));
            response.getResponse().add(p);
        }
        return response;
    }

    @Override
    public AcknowledgeResponsesResponse acknowledgeResponses(AcknowledgeResponsesRequest request)
            throws GatewayFaultMessage {
        int n = request.getResponseId().size();
        if (n < 1 || n > MAX_LIST) {
            throw badRequest("AcknowledgeResponses takes 1 to " + MAX_LIST
                    + " ResponseId elements, not " + n);
        }
        AcknowledgeResponsesResponse response = new AcknowledgeResponsesResponse();
        response.setAcknowledged(replies.collected(caller().id(), List.copyOf(request.getResponseId())));
        return response;
    }

    private static String name(SubmitDocumentRequest request, String reference, String suffix) {
        if (request.getFileName() != null) {
            return request.getFileName();
        }
        return FileNames.safe(reference, "submission") + suffix;
    }

    private static String text(Element root, String localName) {
        NodeList found = root.getElementsByTagNameNS("*", localName);
        return found.getLength() == 0 ? null : found.item(0).getTextContent().strip();
    }

    /** The declaration as a document of its own (UTF-8), the bytes the store keeps and the engine validates. */
    private static byte[] serialize(Element root) throws GatewayFaultMessage {
        try {
            // the JDK's own transformer over an already-parsed tree: nothing here can fetch or expand anything
            Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(root), new StreamResult(out));
            out.write('\n');
            return out.toByteArray();
        } catch (TransformerException e) {
            throw badRequest("the WcoDocument cannot be read: " + e.getMessage());
        }
    }

    private XMLGregorianCalendar date(long epochMillis) {
        GregorianCalendar c = new GregorianCalendar(java.util.TimeZone.getTimeZone(ZoneOffset.UTC));
        c.setTimeInMillis(epochMillis);
        return dates.newXMLGregorianCalendar(c);
    }

}
