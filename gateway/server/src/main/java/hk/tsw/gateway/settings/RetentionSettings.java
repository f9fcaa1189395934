package hk.tsw.gateway.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention, archive and purge (issue 15 item 4), read once at start: whether it runs, how often and how many
 * messages per step, the archive folder, and per document family (the {@code <family>} of config/documents) the online
 * period (then archived) and the legal retention period (then purged); a family's empty key takes the default. Also
 * how long an ended singleton tenure is kept ({@code tenureKept}).
 */
public record RetentionSettings(boolean enabled, long everyMs, int batch, Path archiveDir, Policy defaults,
                                Map<String, Policy> families, Duration tenureKept) {

    /** The document families of xsd/config/document.xsd, each with its two keys (spelt out: no key is built). */
    private static final List<String[]> FAMILY_KEYS = List.of(
            new String[]{"DECLARATION", "gateway.retention.DECLARATION.online.days",
                    "gateway.retention.DECLARATION.legal.days"},
            new String[]{"MANIFEST", "gateway.retention.MANIFEST.online.days", "gateway.retention.MANIFEST.legal.days"},
            new String[]{"CARGO_REPORT", "gateway.retention.CARGO_REPORT.online.days",
                    "gateway.retention.CARGO_REPORT.legal.days"},
            new String[]{"CONVEYANCE_REPORT", "gateway.retention.CONVEYANCE_REPORT.online.days",
                    "gateway.retention.CONVEYANCE_REPORT.legal.days"},
            new String[]{"LPCO", "gateway.retention.LPCO.online.days", "gateway.retention.LPCO.legal.days"});

    /** How long a family's messages stay online, and how long their archive is kept. */
    public record Policy(String name, Duration online, Duration legal) {
        public Policy {
            if (online.isNegative() || legal.compareTo(online) < 0) {
                throw new IllegalArgumentException("retention " + name + ": the legal retention period (" + legal.toDays()
                        + " days) must not be shorter than the online period (" + online.toDays() + " days)");
            }
        }
    }

    public RetentionSettings {
        if (batch < 1 || everyMs < 1) {
            throw new IllegalArgumentException("gateway.retention.batch and gateway.retention.every.ms must be at least 1");
        }
        if (tenureKept.isNegative()) {
            throw new IllegalArgumentException("gateway.retention.tenure.days must not be negative");
        }
    }

    public static RetentionSettings from(GatewaySettings s) {
        long online = s.getLong("gateway.retention.online.days");
        long legal = s.getLong("gateway.retention.legal.days");
        Policy defaults = new Policy("default", Duration.ofDays(online), Duration.ofDays(legal));
        Map<String, Policy> families = new LinkedHashMap<>();
        for (String[] k : FAMILY_KEYS) {
            String f = k[0];
            String o = s.get(k[1]);
            String l = s.get(k[2]);
            families.put(f, new Policy(f, Duration.ofDays(o.isBlank() ? online : Long.parseLong(o)),
                    Duration.ofDays(l.isBlank() ? legal : Long.parseLong(l))));
        }
        return new RetentionSettings(s.getBoolean("gateway.retention.enabled"), s.getLong("gateway.retention.every.ms"),
                s.getInt("gateway.retention.batch"), s.dataDir().resolve(s.get("gateway.archive.dir")).normalize(),
                defaults, Map.copyOf(families), Duration.ofDays(s.getLong("gateway.retention.tenure.days")));
    }
}
