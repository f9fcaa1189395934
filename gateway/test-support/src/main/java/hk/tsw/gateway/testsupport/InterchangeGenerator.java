package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic, deterministic (seeded) interchanges for the benchmark: CUSDEC D.96A import declarations from the demo
 * freight forwarder and CUSCAR D.96A sea manifests from the demo line, modelled on {@code config/demo/samples}, with
 * 1-50 goods items per message and, in about a third of the interchanges, Chinese names and descriptions (UNOW,
 * syntax 4, UTF-8). Totals (packages, gross mass, item counts) are consistent, so every message passes the
 * business rules and is routed: a declaration to CED and CSD, a manifest to CED, CSD and TID.
 */
public final class InterchangeGenerator {

    /** One interchange file and what it should produce. */
    public record Interchange(String fileName, String partner, byte[] content, List<String> documentRefs,
                              int agenciesPerDocument) {

        /** The distinct (document, agency) deliveries it should produce. */
        public int deliveries() {
            return documentRefs.size() * agenciesPerDocument;
        }
    }

    /** The distinct (document, agency) deliveries {@code files} should produce together. */
    public static int deliveries(List<Interchange> files) {
        return files.stream().mapToInt(Interchange::deliveries).sum();
    }

    private static final String[] HS = {"84713000", "61091000", "94036000", "85044090", "39269099", "64039900",
        "42021290", "95030090", "73239300", "90049010"};
    private static final String[] GOODS_EN = {"LAPTOP COMPUTERS 14 INCH", "COTTON T-SHIRTS MENS ASSORTED",
        "WOODEN OFFICE DESKS", "POWER ADAPTERS 12V 2A", "PLASTIC STORAGE BOXES", "LEATHER SHOES", "TRAVEL BAGS",
        "PLUSH TOYS", "STAINLESS STEEL KITCHENWARE", "SUNGLASSES POLARISED"};
    private static final String[] GOODS_ZH = {"手提電腦 14吋", "男裝純棉T恤", "木製辦公桌", "電源適配器 12V 2A",
        "塑膠儲物箱", "真皮皮鞋", "旅行袋", "毛絨玩具", "不鏽鋼廚具", "偏光太陽眼鏡"};
    private static final String[] PARTY_EN = {"WING HING IMPORT AND EXPORT LTD", "PACIFIC TRADING CO LTD",
        "GOLDEN HARBOUR LOGISTICS LTD", "KOWLOON SUPPLY CO LTD", "PEARL RIVER ELECTRONICS LTD"};
    private static final String[] PARTY_ZH = {"永興進出口有限公司", "太平洋貿易有限公司", "金港物流有限公司",
        "九龍供應有限公司", "珠江電子有限公司"};
    private static final String[] ORIGIN = {"CN", "VN", "TH", "MY", "JP"};

    private final Random random;
    private int sequence;

    public InterchangeGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** An interchange of {@code messages} import declarations. */
    public Interchange declarations(int messages) {
        return interchange("DEMOFWD", "CUSDEC", messages, 2);
    }

    /**
     * An interchange of {@code messages} cargo manifests by sea (TDT mode 1): config/routing.xml sends them to CED, CSD
     * and TID, and sea and river manifests to MD too.
     */
    public Interchange manifests(int messages) {
        return interchange("DEMOLINE", "CUSCAR", messages, 4);
    }

    /**
     * {@code count} interchanges of {@code messages} messages each, the bench's traffic mix: every fourth of cargo
     * manifests, the others of import declarations.
     */
    public List<Interchange> mixed(int count, int messages) {
        List<Interchange> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(i % 4 == 3 ? manifests(messages) : declarations(messages));
        }
        return files;
    }

    private Interchange interchange(String partner, String type, int messages, int agencies) {
        int n = ++sequence;
        boolean chinese = random.nextInt(3) == 0;
        String ref = "BN" + String.format("%010d", n);
        StringBuilder b = new StringBuilder();
        header(b, partner, ref, chinese);
        List<String> refs = new ArrayList<>();
        for (int m = 1; m <= messages; m++) {
            refs.add(message(b, type, m, ref, chinese));
        }
        b.append("UNZ+").append(messages).append('+').append(ref).append('\'');
        return new Interchange(ref.toLowerCase() + ".edi", partner, b.toString().getBytes(StandardCharsets.UTF_8),
                List.copyOf(refs), agencies);
    }

    /**
     * Writes one interchange of declarations of at least {@code targetBytes} to {@code out}, message by message
     * (the generator holds one message at a time); returns the number of messages.
     */
    public int writeLarge(OutputStream out, long targetBytes) throws IOException {
        String ref = "LARGE" + String.format("%08d", ++sequence);
        StringBuilder b = new StringBuilder();
        header(b, "DEMOFWD", ref, false);
        long written = 0;
        int m = 0;
        while (written < targetBytes) {
            message(b, "CUSDEC", ++m, ref, false);
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            written += bytes.length;
            b.setLength(0);
        }
        out.write(("UNZ+" + m + "+" + ref + "'").getBytes(StandardCharsets.UTF_8));
        return m;
    }

    private static void header(StringBuilder b, String partner, String ref, boolean chinese) {
        b.append(chinese ? "UNA:+.?*'UNB+UNOW:4+" : "UNA:+.? 'UNB+UNOC:3+").append(partner)
                .append(":ZZZ+HKTSWGW:ZZZ+").append(chinese ? "20250312:0930" : "250312:0930").append('+').append(ref).append('\'');
    }

    /** Appends message {@code m} and returns its document number. */
    private String message(StringBuilder b, String type, int m, String ref, boolean chinese) {
        String doc = ref + "-" + m;
        List<String> segments = type.equals("CUSDEC") ? new Declaration(chinese).segments(doc)
                : new Manifest(chinese).segments(doc);
        b.append("UNH+").append(m).append('+').append(type).append(":D:96A:UN'");
        segments.forEach(s -> b.append(s).append('\''));
        b.append("UNT+").append(segments.size() + 2).append('+').append(m).append('\'');
        return doc;
    }

    private int items() {
        return 1 + random.nextInt(50);
    }

    private String pick(String[] en, String[] zh, boolean chinese) {
        int i = random.nextInt(en.length);
        return chinese ? zh[i % zh.length] : en[i];
    }

    /** Masses in tenths of a kilogram, so totals are exact. */
    private static String kg(long tenths) {
        return tenths % 10 == 0 ? String.valueOf(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
    }

    private final class Declaration {
        final boolean chinese;

        Declaration(boolean chinese) {
            this.chinese = chinese;
        }

        List<String> segments(String doc) {
            int count = items();
            List<String> items = new ArrayList<>();
            long gross = 0;
            long packages = 0;
            long value = 0;
            for (int i = 1; i <= count; i++) {
                long g = 100 + random.nextInt(20_000);
                long net = g - random.nextInt((int) Math.min(g, 90));
                int pkgs = 1 + random.nextInt(99);
                long v = 100 + random.nextInt(50_000);
                gross += g;
                packages += pkgs;
                value += v;
                items.add("CST+" + i + "+" + HS[random.nextInt(HS.length)]);
                items.add("FTX+AAA+++" + pick(GOODS_EN, GOODS_ZH, chinese) + ":" + pkgs + " CARTONS");
                items.add("LOC+27+" + ORIGIN[random.nextInt(ORIGIN.length)]);
                items.add("MEA+WT+AAB+KGM:" + kg(g));
                items.add("MEA+WT+AAA+KGM:" + kg(net));
                items.add("PAC+" + pkgs + "++CT");
                items.add("PCI+28+MARKS/" + i + ":1-" + pkgs);
                items.add("MOA+146:" + v + ".00:USD");
                items.add("DOC+380+INV-" + doc);
            }
            List<String> s = new ArrayList<>();
            s.add("BGM+929+" + doc + "+9");
            s.add("LOC+22+HKKCC:::KWAI CHUNG CUSTOMHOUSE");
            s.add("LOC+9+CNSHK:139:6:SHEKOU");
            s.add("LOC+11+HKHKG:139:6:HONG KONG");
            s.add("DTM+137:202503120930:203");
            s.add("MEA+WT+AAD+KGM:" + kg(gross));
            s.add("EQD+CN+MSKU" + (1_000_000 + random.nextInt(8_999_999)));
            s.add("TDT+20+512N+1+++++9321483:146:11:MAERSK KOWLOON:SG");
            s.add("NAD+IM+31234567::ZZZ++" + pick(PARTY_EN, PARTY_ZH, chinese) + "+FLAT 12A 8/F TOWER 1+HONG KONG+++HK");
            s.add("NAD+EX+91440300MA5F123X::ZZZ++" + pick(PARTY_EN, PARTY_ZH, chinese) + "+NO. 18 KEJI ROAD+SHENZHEN++518057+CN");
            s.add("NAD+DT+HKB0042::ZZZ++PACIFIC CUSTOMS BROKERAGE (HK) LTD+UNIT 1203:51 KWAI CHEONG ROAD+KWAI CHUNG+++HK");
            s.add("MOA+39:" + value + ".00:USD");
            s.add("UNS+D");
            s.addAll(items);
            s.add("UNS+S");
            s.add("CNT+5:" + count);
            s.add("CNT+11:" + packages);
            return s;
        }
    }

    private final class Manifest {
        final boolean chinese;

        Manifest(boolean chinese) {
            this.chinese = chinese;
        }

        List<String> segments(String doc) {
            int count = items();
            List<String> s = new ArrayList<>();
            s.add("BGM+785+" + doc + "+9");
            s.add("DTM+137:202503220600:203");
            s.add("NAD+CA+OOCL::ZZZ++ORIENT OVERSEAS CONTAINER LINE LTD+33/F HARBOUR CENTRE+WAN CHAI+++HK");
            s.add("TDT+20+078S+1+++++9445538:146:11:OOCL HONG KONG:HK");
            s.add("LOC+9+SGSIN:139:6:SINGAPORE");
            s.add("LOC+11+HKHKG:139:6:HONG KONG");
            s.add("EQD+CN+OOLU8812345+45G1");
            s.add("SEL+SG7781234");
            int item = 0;
            for (int c = 1; item < count; c++) {
                s.add("CNI+" + c);
                s.add("RFF+BM:OOLU" + doc.replace("-", "") + c);
                s.add("LOC+9+SGSIN:139:6:SINGAPORE");
                s.add("LOC+11+HKHKG:139:6:HONG KONG");
                s.add("NAD+CZ+SG201912345K::ZZZ++" + pick(PARTY_EN, PARTY_ZH, chinese) + "+10 ANSON ROAD+SINGAPORE++079903+SG");
                s.add("NAD+CN+33445566::ZZZ++" + pick(PARTY_EN, PARTY_ZH, chinese) + "+FLAT 12A 8/F TOWER 1+HONG KONG+++HK");
                for (int g = 1; g <= 10 && item < count; g++, item++) {
                    int pkgs = 1 + random.nextInt(800);
                    s.add("GID+" + g + "+" + pkgs + ":CT");
                    s.add("FTX+AAA+++" + pick(GOODS_EN, GOODS_ZH, chinese));
                    s.add("MEA+AAE+G+KGM:" + kg(100 + random.nextInt(200_000)));
                    s.add("SGP+OOLU8812345+" + pkgs);
                }
            }
            return s;
        }
    }
}
