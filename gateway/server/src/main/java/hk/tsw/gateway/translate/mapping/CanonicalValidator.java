package hk.tsw.gateway.translate.mapping;

import java.util.List;

import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import hk.tsw.gateway.security.SecureXml;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The streaming validator of the canonical schema that {@link StylesheetRunner} feeds with each document the mapping
 * produces, set to do only what the verdict needs. It keeps {@link SecureXml#validatorHandler}'s access restrictions
 * and secure processing; it turns off the JDK Xerces work whose result nobody reads here:
 * <ul>
 *   <li>the post-schema-validation infoset attached to each event ({@code augment-psvi}): the events go to a
 *       {@link DefaultHandler}, the runner only wants the verdict;</li>
 *   <li>identity constraints ({@code xs:key}, {@code xs:unique}, {@code xs:keyref}) and ID/IDREF uniqueness: the
 *       canonical schema declares none ({@code CanonicalValidatorTest} fails the day it does, since these checks
 *       would then be silently skipped).</li>
 * </ul>
 * Simple-type, content-model and attribute checks are untouched, so the verdict is the full validator's.
 */
final class CanonicalValidator {

    /** Xerces features turned off (each recognised by the JDK's {@code ValidatorHandlerImpl}; set or fail). */
    static final List<String> FEATURES_OFF = List.of(
            "http://apache.org/xml/features/validation/schema/augment-psvi",
            "http://apache.org/xml/features/validation/identity-constraint-checking",
            "http://apache.org/xml/features/validation/id-idref-checking");

    private CanonicalValidator() {
    }

    /** A new validator of {@code canonical}; errors go to the handler the caller sets, the events nowhere. */
    static ValidatorHandler newHandler(Schema canonical) throws SAXException {
        ValidatorHandler v = SecureXml.validatorHandler(canonical);
        for (String feature : FEATURES_OFF) {
            v.setFeature(feature, false);
        }
        v.setContentHandler(new DefaultHandler());
        return v;
    }
}
