package hk.tsw.gateway.translate.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.namespace.QName;

import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.xml.XmlFrontDoor;
import net.sf.saxon.s9api.SaxonApiException;

/** Translates one WCO-aligned XML document: hardened parse and schema validation, then the mapping stylesheet. */
final class XmlTranslation {

    private final MappingCatalog catalog;
    private final XmlFrontDoor frontDoor;
    private final StylesheetRunner runner;

    XmlTranslation(MappingCatalog catalog, XmlFrontDoor frontDoor, StylesheetRunner runner) {
        this.catalog = catalog;
        this.frontDoor = frontDoor;
        this.runner = runner;
    }

    TranslationResult translate(String source, byte[] xml) {
        QName root = frontDoor.rootElement(xml);
        if (root == null) {
            // Let the hardened parser say precisely what is wrong (DOCTYPE, not well-formed...).
            XmlFrontDoor.Parsed parsed = frontDoor.read(xml, null, null);
            List<LocatedError> errors = parsed.errors().isEmpty()
                    ? List.of(LocatedError.xml(null, 1, "/", null, "the document has no root element"))
                    : parsed.errors();
            return rejected(source, null, errors);
        }
        Optional<Mapping> mapping = catalog.xml(root.getNamespaceURI(), root.getLocalPart());
        if (mapping.isEmpty()) {
            return rejected(source, null, List.of(LocatedError.xml(null, 1, "/" + root.getLocalPart(), null,
                    "no mapping accepts root element {" + root.getNamespaceURI() + "}" + root.getLocalPart())));
        }
        XmlFrontDoor.Parsed parsed = frontDoor.read(xml, mapping.get().inboundSchema(), null);
        if (!parsed.errors().isEmpty()) {
            return rejected(source, null, parsed.errors());
        }
        try {
            StylesheetRunner.Output out = runner.run(mapping.get(), parsed.document());
            if (out.xml() != null) {
                String name = EdifactTranslation.safe(out.functionalReference()) + ".xml";
                TranslatedDocument doc = new TranslatedDocument(name, out.documentType(), out.functionalReference(),
                        mapping.get().name(), out.xml(), out.tree());
                return new TranslationResult(source, List.of(new MessageOutcome(null, out.functionalReference(),
                        doc, List.of(), false, null)), List.of(), List.of());
            }
            List<LocatedError> errors = new ArrayList<>();
            for (StylesheetRunner.Problem p : out.problems()) {
                errors.add(LocatedError.xml(null, parsed.locations().lineOf(p.xpath()), p.xpath(), p.value(), p.reason()));
            }
            for (String invalid : out.invalid()) {
                errors.add(LocatedError.xml(null, 0, "/", null,
                        "mapping " + mapping.get().name() + " produced an invalid canonical document: " + invalid));
            }
            return rejected(source, null, errors);
        } catch (SaxonApiException e) {
            return rejected(source, null, List.of(LocatedError.xml(null, 0, "/", null,
                    "mapping " + mapping.get().name() + " failed: " + e.getMessage())));
        }
    }

    private static TranslationResult rejected(String source, String ref, List<LocatedError> errors) {
        return new TranslationResult(source, List.of(new MessageOutcome(null, ref, null, errors, false, null)), List.of(), List.of());
    }
}
