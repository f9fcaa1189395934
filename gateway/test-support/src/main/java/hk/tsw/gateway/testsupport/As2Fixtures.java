package hk.tsw.gateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;


/** Payloads and partner files for the AS2 tests. */
public final class As2Fixtures {

    private As2Fixtures() {
    }

    /** The demo import declaration from {@code sender} (UNB 0004:0007) with its own references. */
    public static String declaration(String sender, String reference) throws Exception {
        return Files.readString(ProjectRoot.REPO.resolve("config/demo/samples/demofwd-import.edi"), StandardCharsets.ISO_8859_1)
                .replace("DEMOFWD:ZZZ", sender).replace("WH25031200017", reference)
                .replace("HKIMP2025031200017", "DOC-" + reference);
    }

    /** A unique interchange reference (an..14). */
    public static String ref(String prefix) {
        String n = Long.toString(System.nanoTime() % 100_000_000_000L, 36).toUpperCase();
        return (prefix + n).substring(0, Math.min(14, prefix.length() + n.length()));
    }

    /**
     * A partner that protects nothing by agreement (AS2 id OPEN-AS2, EDIFACT sender AS2OPEN:ZZZ, the demo
     * forwarder's certificate), whose replies go back by AS2 to {@code replyUrl}.
     */
    public static void writeOpenPartner(Path config, String replyUrl) throws Exception {
        Files.writeString(config.resolve("partners/AS2OPEN.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <partner xmlns="urn:hk:tsw:config:partner:1">
                  <id>AS2OPEN</id>
                  <name>AS2 test partner without required protection</name>
                  <role>FORWARDER</role>
                  <edifact><senderId qualifier="ZZZ">AS2OPEN</senderId></edifact>
                  <as2>
                    <id>OPEN-AS2</id>
                    <certificate>demo/as2/partners/demofwd-2026.cert.pem</certificate>
                    <requireSigned>false</requireSigned>
                    <requireEncrypted>false</requireEncrypted>
                    <url>%s</url>
                    <asyncMdnUrl>http://127.0.0.1:</asyncMdnUrl>
                  </as2>
                  <allowedDocumentType>IMPORT_DECLARATION</allowedDocumentType>
                  <reply><channel>AS2</channel><format>EDIFACT</format><contrl>ALWAYS</contrl></reply>
                </partner>
                """.formatted(replyUrl));
    }
}
