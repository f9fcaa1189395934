package hk.tsw.gateway.translate.xml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;
import hk.tsw.gateway.security.XmlLimits;

/**
 * SAX filter in front of validation that knows where the parser is: the XPath of the current element (local names
 * with 1-based positions among same-named siblings) and its line. It also enforces {@link XmlLimits} on depth,
 * element count, attributes per element and text length, failing the parse as soon as one is passed.
 */
public final class LocatingFilter extends XMLFilterImpl {

    private final XmlLimits limits;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, Integer> lineByPath = new HashMap<>();
    private Locator locator;
    private int elements;
    private int textRun;

    private static final class Frame {
        final String path;
        final Map<String, Integer> childCounts = new HashMap<>();

        Frame(String path) {
            this.path = path;
        }
    }

    public LocatingFilter(XmlLimits limits) {
        this.limits = limits;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
        super.setDocumentLocator(locator);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        textRun = 0;
        if (++elements > limits.maxElements()) {
            throw limit("more than " + limits.maxElements() + " elements");
        }
        if (stack.size() + 1 > limits.maxDepth()) {
            throw limit("elements nested deeper than " + limits.maxDepth() + " levels");
        }
        if (atts.getLength() > limits.maxAttributes()) {
            throw limit("more than " + limits.maxAttributes() + " attributes on one element");
        }
        String path;
        if (stack.isEmpty()) {
            path = "/" + localName;
        } else {
            Frame parent = stack.peek();
            int n = parent.childCounts.merge(localName, 1, Integer::sum);
            path = parent.path + "/" + localName + (n > 1 ? "[" + n + "]" : "");
        }
        stack.push(new Frame(path));
        lineByPath.putIfAbsent(path, line());
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        super.endElement(uri, localName, qName);
        stack.pop();
        textRun = 0;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        textRun += length;
        if (textRun > limits.maxTextLength()) {
            throw limit("a text node longer than " + limits.maxTextLength() + " characters");
        }
        super.characters(ch, start, length);
    }

    /** XPath of the element being parsed, or "/" before the root. */
    public String currentPath() {
        return stack.isEmpty() ? "/" : stack.peek().path;
    }

    public int line() {
        return locator == null ? 0 : Math.max(0, locator.getLineNumber()); // SAX: -1 = unknown
    }

    /** Line where the element at this XPath started (positions [1] may be written or omitted), or 0. */
    public int lineOf(String xpath) {
        if (xpath == null) {
            return 0;
        }
        Integer l = lineByPath.get(xpath.replace("[1]", ""));
        return l == null ? 0 : l;
    }

    private SAXParseException limit(String what) {
        return new SAXParseException("the document exceeds the gateway's limits: " + what, locator);
    }
}
