package hk.tsw.gateway.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-partner configuration for tests that reload partners: writes {@code config/partners/<id>.xml} (a trader that
 * lodges EDIFACT) with the elements given, and loads the folder as the start or a reload would.
 */
public final class PartnerFiles {

    private static final Path XSD = Path.of("xsd/config/partner.xsd");

    private PartnerFiles() {
    }

    /**
     * @param channels elements after {@code <edifact>} ({@code <as2>...</as2>}), or empty
     * @param reply    the {@code <reply>} element's children
     */
    public static PartnerRegistry load(Path config, String id, String channels, String reply) throws IOException {
        Path partners = Files.createDirectories(config.resolve("partners"));
        Files.writeString(partners.resolve(id + ".xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <partner xmlns="urn:hk:tsw:config:partner:1">
                  <id>%s</id>
                  <name>%s (test)</name>
                  <role>TRADER</role>
                  <edifact><senderId qualifier="ZZZ">%s</senderId></edifact>
                  %s
                  <allowedDocumentType>IMPORT_DECLARATION</allowedDocumentType>
                  <reply>%s</reply>
                </partner>
                """.formatted(id, id, id, channels, reply));
        return PartnerRegistry.load(partners, XSD);
    }
}
