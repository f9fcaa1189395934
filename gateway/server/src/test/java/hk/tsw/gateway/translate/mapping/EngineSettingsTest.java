package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import hk.tsw.gateway.security.XmlLimits;
import org.junit.jupiter.api.Test;

/** Which EDIFACT reader the engine uses: direct by default, Daffodil by choice or when its validation is asked for. */
class EngineSettingsTest {

    private static EngineSettings settings(String validation, String reader) {
        return new EngineSettings(Path.of("mappings"), Path.of("cache"), validation, XmlLimits.defaults(), false, reader);
    }

    @Test
    void the_direct_reader_is_the_default() {
        assertEquals("direct", settings("Off", null).edifactReader());
        assertFalse(settings("Off", null).daffodilOnly());
    }

    @Test
    void daffodil_is_used_when_chosen_or_when_its_validation_is_on() {
        assertTrue(settings("Off", "Daffodil").daffodilOnly());
        assertTrue(settings("Full", "direct").daffodilOnly());
        assertTrue(settings("Limited", null).daffodilOnly());
    }

    @Test
    void an_unknown_reader_is_refused_with_the_property_named() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings("Off", "fast"));
        assertTrue(e.getMessage().contains(EngineSettings.READER_PROPERTY), e.getMessage());
    }
}
