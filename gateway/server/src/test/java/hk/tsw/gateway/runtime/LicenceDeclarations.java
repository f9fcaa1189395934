package hk.tsw.gateway.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the licence pipeline tests share: the demo forwarder allowed to lodge applications, and a D.96A import
 * declaration by DEMOFWD writing a quantity off a licence (explicit write-off MEA AAK on the item's DOC 911).
 */
final class LicenceDeclarations {

    private LicenceDeclarations() {
    }

    /** The test's copy of config: DEMOFWD may lodge LPCO applications too. */
    static void allowApplications(Path config) throws IOException {
        Path fwd = config.resolve("partners/DEMOFWD.xml");
        Files.writeString(fwd, Files.readString(fwd).replaceFirst("(<allowedDocumentType>)",
                "<allowedDocumentType>LPCO_APPLICATION</allowedDocumentType>\n  $1"));
    }

    /**
     * An import declaration (BGM 1225 {@code function}: 9 original, 1 cancellation) of {@code importer}, one goods
     * item of HS {@code hs} citing {@code licence} (DOC 911) and writing {@code quantity} {@code unit} off it.
     */
    static byte[] declaration(String interchange, String reference, String function, String importer, String hs,
                              String licence, String unit, String quantity) {
        String[] segments = {
            "UNH+1+CUSDEC:D:96A:UN", "BGM+929+" + reference + "+" + function, "DTM+137:20261215:102",
            "NAD+IM+" + importer + "::ZZZ++HK LAB AND MACHINE EQUIPMENT LTD+12/F TOWER 2 METROPLAZA+KWAI CHUNG+++HK",
            "NAD+DT+HKB0042::ZZZ++PACIFIC CUSTOMS BROKERAGE (HK) LTD", "UNS+D", "CST+1+" + hs,
            "FTX+AAA+++5-AXIS MACHINING CENTRES", "LOC+27+DE", "MEA+WT+AAB+KGM:5200", "MEA+AAK++" + unit + ":" + quantity,
            "DOC+911+" + licence, "UNS+S", "CNT+5:1"};
        StringBuilder edi = new StringBuilder("UNB+UNOC:3+DEMOFWD:ZZZ+HKTSWGW:ZZZ+261215:0930+" + interchange + "'");
        for (String s : segments) {
            edi.append(s).append('\'');
        }
        edi.append("UNT+").append(segments.length + 1).append("+1'UNZ+1+").append(interchange).append('\'');
        return edi.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
