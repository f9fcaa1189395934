package hk.tsw.gateway.intake.soap;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.cxf.staxutils.StaxUtils;

/**
 * The WCO declaration of a {@code SubmitDocument} request as the partner sent it: the very characters of its root
 * element in the request body (line breaks inside start tags, comments, everything), with the namespace bindings it
 * inherits from the envelope added to its start tag, and preceded by as many line breaks as come before it in the
 * request. Line N of the result is line N of the request body, so every error is located on the line the partner
 * finds in its own request log. Read with CXF's hardened StAX reader (no DTD, CXF's limits).
 */
final class SentDeclaration {

    private static final List<String> PATH = List.of("Envelope", "Body", "SubmitDocumentRequest", "WcoDocument");

    private SentDeclaration() {
    }

    /** The declaration's text, or empty when the request holds no WcoDocument element (or cannot be read again). */
    static Optional<String> of(byte[] request) {
        try {
            String text = new String(request, charset(request));
            XMLStreamReader r = StaxUtils.createXMLStreamReader(new StringReader(text));
            try {
                return find(r, text);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> find(XMLStreamReader r, String text) throws XMLStreamException {
        Deque<Map<String, String>> scopes = new ArrayDeque<>();
        int depth = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                scopes.pop();
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (depth == 1 && "Header".equals(r.getLocalName())) {
                skip(r); // the WS-Security header: nothing of the declaration
                continue;
            }
            if (depth < PATH.size() && !PATH.get(depth).equals(r.getLocalName())) {
                return Optional.empty();
            }
            if (depth == PATH.size()) {
                return Optional.of(slice(r, text, inherited(scopes)));
            }
            Map<String, String> declared = new LinkedHashMap<>();
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                declared.put(r.getNamespacePrefix(i) == null ? "" : r.getNamespacePrefix(i), r.getNamespaceURI(i));
            }
            scopes.push(declared);
            depth++;
        }
        return Optional.empty();
    }

    /** Reads past the end of the element whose start the reader is on. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            depth += event == XMLStreamConstants.START_ELEMENT ? 1 : event == XMLStreamConstants.END_ELEMENT ? -1 : 0;
        }
    }

    /** The bindings in scope from the envelope down, innermost winning. */
    private static Map<String, String> inherited(Deque<Map<String, String>> scopes) {
        Map<String, String> inScope = new LinkedHashMap<>();
        scopes.descendingIterator().forEachRemaining(inScope::putAll);
        return inScope;
    }

    /** From the root's start tag to the end of its end tag, the envelope's bindings added, lines kept. */
    private static String slice(XMLStreamReader r, String text, Map<String, String> inScope) throws XMLStreamException {
        int start = r.getLocation().getCharacterOffset();
        int line = r.getLocation().getLineNumber();
        Map<String, String> own = new LinkedHashMap<>();
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            own.put(r.getNamespacePrefix(i) == null ? "" : r.getNamespacePrefix(i), r.getNamespaceURI(i));
        }
        skip(r);
        int endTag = text.indexOf('>', r.getLocation().getCharacterOffset());
        String element = text.substring(start, endTag + 1);
        StringBuilder bindings = new StringBuilder();
        inScope.forEach((prefix, uri) -> {
            if (!own.containsKey(prefix) && !"xml".equals(prefix)) {
                bindings.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("=\"")
                        .append(uri.replace("&", "&amp;").replace("\"", "&quot;")).append('"');
            }
        });
        int nameEnd = 1;
        while (nameEnd < element.length() && !Character.isWhitespace(element.charAt(nameEnd))
                && element.charAt(nameEnd) != '>' && element.charAt(nameEnd) != '/') {
            nameEnd++;
        }
        return "\n".repeat(Math.max(0, line - 1)) + element.substring(0, nameEnd) + bindings + element.substring(nameEnd);
    }

    /** The request's encoding as its XML declaration names it; UTF-8 otherwise. */
    private static Charset charset(byte[] request) throws XMLStreamException {
        XMLStreamReader probe = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(request));
        try {
            String declared = probe.getCharacterEncodingScheme();
            return declared == null ? StandardCharsets.UTF_8 : Charset.forName(declared);
        } finally {
            probe.close();
        }
    }
}
