package hk.tsw.gateway.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/DOCUMENTS.md} from the catalogue, so the page never says what the files do not. Run
 * {@code java -cp ... hk.tsw.gateway.catalogue.DocumentsMarkdown [repo]} after changing {@code config/documents/};
 * DocumentsMarkdownTest fails while the page and the files disagree.
 */
public final class DocumentsMarkdown {

    private DocumentsMarkdown() {
    }

    public static String render(DocumentCatalog catalogue) {
        List<CatalogueEntry> all = catalogue.entries();
        StringBuilder md = new StringBuilder();
        md.append("# Trade Single Window documents\n\n")
                .append("Generated from `config/documents/*.xml` (schema `xsd/config/document.xsd`) by `DocumentsMarkdown`;\n")
                .append("do not edit by hand. `GET /api/documents` serves the same entries.\n\n");
        Map<String, Long> byStatus = all.stream().collect(Collectors.groupingBy(CatalogueEntry::status, TreeMap::new,
                Collectors.counting()));
        md.append(all.size()).append(" entries: ").append(byStatus.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))).append(".\n\n");
        md.append("| code | status | name | owner | family | document type | LPCO type | phase | ledger | rules |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (CatalogueEntry e : all) {
            md.append("| ").append(e.code()).append(" | ").append(e.status()).append(" | ")
                    .append(cell(e.nameEn())).append(e.nameZh() == null ? "" : " / " + cell(e.nameZh())).append(" | ")
                    .append(cell(e.owner())).append(e.copiedTo().isEmpty() ? "" : " (copy: " + String.join(", ", e.copiedTo()) + ")")
                    .append(" | ").append(e.family()).append(" | ").append(cell(e.documentType())).append(" | ")
                    .append(cell(e.lpcoType())).append(" | ").append(e.phase() == null ? "" : e.phase()).append(" | ")
                    .append(e.checkedAgainstLedger() == null ? "" : e.checkedAgainstLedger() ? "checked" : "no")
                    .append(" | ").append(cell(e.rulesFolder())).append(" |\n");
        }
        md.append("\n## Data items and sources\n");
        for (CatalogueEntry e : all) {
            md.append("\n### ").append(e.code()).append("\n\n");
            if (e.note() != null) {
                md.append(e.note()).append("\n\n");
            }
            for (CatalogueEntry.Source s : e.source()) {
                md.append("- Source: [").append(cell(s.title() == null ? s.url() : s.title())).append("](").append(s.url())
                        .append(")").append(s.text() == null ? "" : ": " + s.text()).append("\n");
            }
            if (e.dataItems() != null) {
                md.append("\n| canonical field | WCO DM | unit | required | why |\n|---|---|---|---|---|\n");
                for (CatalogueEntry.DataItem i : e.dataItems()) {
                    md.append("| `").append(i.field()).append("` | ")
                            .append(cell(i.wcoName())).append(i.wcoId() == null ? "" : " (" + i.wcoId() + ")").append(" | ")
                            .append(cell(i.unit())).append(" | ").append(i.required() ? "yes" : "no").append(" | ")
                            .append(i.source() != null ? "[source](" + i.source() + ")" : "assumed: " + cell(i.assumed()))
                            .append(" |\n");
                }
            }
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** Writes docs/DOCUMENTS.md of the repository given (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        DocumentCatalog catalogue = DocumentCatalog.load(repo.resolve("config/documents"),
                repo.resolve("xsd/config/document.xsd"));
        Files.writeString(repo.resolve("docs/DOCUMENTS.md"), render(catalogue), StandardCharsets.UTF_8);
    }
}
