package hk.tsw.gateway.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import hk.tsw.gateway.translate.mapping.Mapping;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.catalogue.CatalogueEntry;
import hk.tsw.gateway.catalogue.DocumentCatalog;

/**
 * What the gateway refuses to start with, because a document would be accepted and then reach nobody, or a mapping
 * would be untested: one clear line per problem.
 * <ul>
 *   <li>a live catalogue entry, a partner's {@code allowedDocumentType} or a mapping's {@code documentTypes} whose
 *       document type (and LPCO type) no rule of {@code config/routing.xml} covers;</li>
 *   <li>a live catalogue entry whose owner no covering routing rule delivers to;</li>
 *   <li>a mapping folder without samples ({@code samples/*.edi} or {@code samples/*.xml} inputs).</li>
 * </ul>
 * Planned and unconfirmed catalogue entries are descriptions of documents the gateway does not accept yet: they are
 * not checked against routing (they become so the day they turn {@code live}).
 */
public final class StartupChecks {

    private StartupChecks() {
    }

    /** Throws with every problem, one line each, when there is any. */
    public static void require(DocumentCatalog catalogue, RoutingTable routing, Collection<Partner> partners,
                               Collection<Mapping> mappings) throws IOException {
        List<String> problems = problems(catalogue, routing, partners, mappings);
        if (!problems.isEmpty()) {
            throw new IOException("the gateway refuses to start (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n" + String.join("\n", problems));
        }
    }

    public static List<String> problems(DocumentCatalog catalogue, RoutingTable routing, Collection<Partner> partners,
                                        Collection<Mapping> mappings) throws IOException {
        List<String> problems = new ArrayList<>();
        for (CatalogueEntry e : catalogue.entries()) {
            if (!e.live() || e.documentType() == null) {
                continue;
            }
            String what = e.documentType() + (e.lpcoType() == null ? "" : " (LPCO type " + e.lpcoType() + ")");
            List<RoutingTable.Rule> covering = routing.rules().stream()
                    .filter(r -> r.covers(e.documentType(), e.lpcoType())).toList();
            if (covering.isEmpty()) {
                problems.add("config/documents/" + e.code() + ".xml: document type " + what
                        + " is covered by no rule of config/routing.xml");
            } else if (e.owner() != null && covering.stream().noneMatch(r -> r.agencies().contains(e.owner()))) {
                problems.add("config/documents/" + e.code() + ".xml: owner " + e.owner() + " receives no " + what
                        + " from config/routing.xml");
            }
        }
        for (Partner p : partners) {
            for (String type : p.allowedDocumentTypes()) {
                if (uncovered(routing, type)) {
                    problems.add("config/partners/" + p.id() + ".xml: allowedDocumentType " + type
                            + " is covered by no rule of config/routing.xml");
                }
            }
        }
        for (Mapping m : mappings) {
            for (String type : m.documentTypes()) {
                if (uncovered(routing, type)) {
                    problems.add("mappings/" + m.name() + "/mapping.properties: documentTypes " + type
                            + " is covered by no rule of config/routing.xml");
                }
            }
            if (!hasSamples(m.folder().resolve("samples"))) {
                problems.add("mappings/" + m.name() + ": no samples (samples/*.edi or samples/*.xml with their expected"
                        + " output): a mapping is tested by its samples");
            }
        }
        return problems;
    }

    private static boolean uncovered(RoutingTable routing, String type) {
        return routing.rules().stream().noneMatch(r -> r.covers(type, null));
    }

    private static boolean hasSamples(Path samples) throws IOException {
        if (!Files.isDirectory(samples)) {
            return false;
        }
        try (Stream<Path> files = Files.list(samples)) {
            return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith(".edi")
                    || n.endsWith(".xml") && !n.contains(".expected"));
        }
    }
}
