package hk.tsw.gateway.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;

import hk.tsw.gateway.security.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The document catalogue: every {@code config/documents/*.xml}, validated against {@code xsd/config/document.xsd}
 * with the hardened parser at start-up. A bad file stops the load; every bad file is named, one line each (its
 * first problem, with the line number), so an operator fixes them all in one go. A missing folder is an empty
 * catalogue. Immutable after {@link #load}.
 */
public final class DocumentCatalog {

    static final String NS = "urn:hk:tsw:config:document:1";

    private final List<CatalogueEntry> entries;

    private DocumentCatalog(List<CatalogueEntry> entries) {
        this.entries = entries;
    }

    public static DocumentCatalog load(Path folder, Path xsd) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new DocumentCatalog(List.of());
        }
        Schema schema;
        try {
            schema = SecureXml.schema(xsd);
        } catch (SAXException e) {
            throw new IOException(xsd + ": " + e.getMessage(), e);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        List<CatalogueEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Path f : files) {
            String name = "config/documents/" + f.getFileName();
            try {
                CatalogueEntry e = read(f, schema);
                String expected = f.getFileName().toString().replaceFirst("\\.xml$", "");
                if (!e.code().equals(expected)) {
                    problems.add(name + ": code " + e.code() + " differs from the file name (" + expected + ".xml)");
                } else if (!codes.add(e.code())) {
                    problems.add(name + ": code " + e.code() + " is used twice");
                } else {
                    entries.add(e);
                }
            } catch (SAXParseException e) {
                problems.add(name + ": line " + e.getLineNumber() + ": " + e.getMessage());
            } catch (SAXException | IOException | javax.xml.parsers.ParserConfigurationException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException("document catalogue refused (" + problems.size() + " bad file"
                    + (problems.size() == 1 ? "" : "s") + "):\n" + String.join("\n", problems));
        }
        return new DocumentCatalog(List.copyOf(entries));
    }

    private static CatalogueEntry read(Path f, Schema schema)
            throws IOException, SAXException, javax.xml.parsers.ParserConfigurationException {
        try (InputStream in = Files.newInputStream(f)) {
            SecureXml.validator(schema).validate(new javax.xml.transform.sax.SAXSource(SecureXml.xmlReader(),
                    new org.xml.sax.InputSource(in)));
        }
        Document doc;
        try (InputStream in = Files.newInputStream(f)) {
            doc = SecureXml.documentBuilderFactory().newDocumentBuilder().parse(in);
        }
        Element root = doc.getDocumentElement();
        List<CatalogueEntry.Source> sources = new ArrayList<>();
        for (Element s : children(root, "source")) {
            sources.add(new CatalogueEntry.Source(s.getAttribute("url"), attr(s, "title"), blankToNull(s.getTextContent())));
        }
        List<CatalogueEntry.DataItem> items = new ArrayList<>();
        for (Element list : children(root, "dataItems")) {
            for (Element i : children(list, "item")) {
                items.add(new CatalogueEntry.DataItem(i.getAttribute("field"), attr(i, "wcoName"), attr(i, "wcoId"),
                        attr(i, "unit"), !"false".equals(i.getAttribute("required").trim()), attr(i, "source"),
                        attr(i, "assumed")));
            }
        }
        String phase = text(root, "phase");
        String ledger = text(root, "checkedAgainstLedger");
        return new CatalogueEntry(root.getAttribute("code").trim(), root.getAttribute("status").trim(),
                text(root, "nameEn"), text(root, "nameZh"), text(root, "owner"),
                children(root, "copiedTo").stream().map(e -> e.getTextContent().trim()).toList(), text(root, "family"),
                text(root, "documentType"), text(root, "lpcoType"), phase == null ? null : Integer.valueOf(phase),
                ledger == null ? null : Boolean.valueOf(ledger.equals("1") || ledger.equals("true")),
                text(root, "rulesFolder"), List.copyOf(sources), items.isEmpty() ? null : List.copyOf(items),
                text(root, "note"));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> list = children(parent, name);
        return list.isEmpty() ? null : blankToNull(list.get(0).getTextContent());
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? blankToNull(e.getAttribute(name)) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public List<CatalogueEntry> entries() {
        return entries;
    }

    public Optional<CatalogueEntry> byCode(String code) {
        return entries.stream().filter(e -> e.code().equals(code)).findFirst();
    }
}
