package hk.tsw.gateway.partner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import hk.tsw.gateway.security.SecureXml;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one partner file into a small element tree that remembers the line of every element, validating it against
 * the partner schema in the same pass. Uses the gateway's hardened SAX parser and validator (no DTD, nothing
 * fetched). Any warning, error or fatal error fails the read with {@code <file name>: line L: <reason>}.
 */
final class PartnerFileReader {

    /** Partner files are a few KiB; anything far larger is not a partner file. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** One element: local name, attributes by local name, whitespace-collapsed text, start line, child elements. */
    record Element(String name, Map<String, String> attributes, String text, int line, List<Element> children) {

        Optional<Element> child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst();
        }

        List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        String text(String childName) {
            return child(childName).map(Element::text).orElseThrow(
                    () -> new IllegalStateException("schema-valid partner file without " + childName));
        }
    }

    private PartnerFileReader() {
    }

    static Element read(Path file, Schema schema) {
        String fileName = file.getFileName().toString();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new PartnerConfigException(fileName, 1, "file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            TreeBuilder tree = new TreeBuilder();
            ValidatorHandler validator = SecureXml.validatorHandler(schema);
            validator.setErrorHandler(Strict.INSTANCE);
            validator.setContentHandler(tree);
            XMLReader reader = SecureXml.xmlReader();
            reader.setErrorHandler(Strict.INSTANCE);
            reader.setContentHandler(validator);
            try (InputStream in = Files.newInputStream(file)) {
                InputSource source = new InputSource(in);
                source.setSystemId(file.toUri().toString());
                reader.parse(source);
            }
            return tree.root;
        } catch (SAXParseException e) {
            throw new PartnerConfigException(fileName, e.getLineNumber(), e.getMessage());
        } catch (SAXException e) {
            throw new PartnerConfigException(fileName, 1, e.getMessage());
        } catch (IOException e) {
            throw new PartnerConfigException(fileName, 0, "cannot read: " + e);
        }
    }

    /** Fails the parse on the first problem, warnings included: a partner file is either right or refused. */
    private enum Strict implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /** Every value in the schema is an xs:token: compare and store it the way the validator saw it. */
    private static String collapse(CharSequence text) {
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private static final class TreeBuilder extends DefaultHandler {
        private final Deque<Open> open = new ArrayDeque<>();
        private Locator locator;
        private Element root;

        private static final class Open {
            final String name;
            final Map<String, String> attributes = new HashMap<>();
            final StringBuilder text = new StringBuilder();
            final int line;
            final List<Element> children = new ArrayList<>();

            Open(String name, int line) {
                this.name = name;
                this.line = line;
            }
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            Open element = new Open(localName, locator == null ? 0 : locator.getLineNumber());
            for (int i = 0; i < atts.getLength(); i++) {
                element.attributes.put(atts.getLocalName(i), collapse(atts.getValue(i)));
            }
            open.push(element);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            open.peek().text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open done = open.pop();
            Element element = new Element(done.name, Map.copyOf(done.attributes), collapse(done.text),
                    done.line, List.copyOf(done.children));
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
        }
    }
}
