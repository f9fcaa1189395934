package hk.tsw.gateway.catalogue;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One Trade Single Window document: a {@code config/documents/<CODE>.xml} file, with the field names of
 * {@code xsd/config/document.xsd} (GET /api/documents serves it under the same names; absent fields are left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogueEntry(String code, String status, String nameEn, String nameZh, String owner,
                             List<String> copiedTo, String family, String documentType, String lpcoType, Integer phase,
                             Boolean checkedAgainstLedger, String rulesFolder, List<Source> source,
                             List<DataItem> dataItems, String note) {

    public boolean live() {
        return "live".equals(status);
    }

    /** A public source: {@code url}, {@code title} and what it says ({@code text}, the element's content). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String url, String title, String text) {
    }

    /** A data item the document requires, as {@code dataItems/item}'s attributes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataItem(String field, String wcoName, String wcoId, String unit, boolean required, String source,
                           String assumed) {
    }
}
