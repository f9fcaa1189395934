package hk.tsw.gateway.rules;

/**
 * One business rule a canonical document breaks.
 *
 * @param rule    rule id, e.g. {@code DECL-003} (the README of each rules folder lists them)
 * @param xpath   where, in the canonical document, by local names: {@code /TradeDocument/GoodsItem[2]/Commodity/Classification/ID};
 *                for something missing, where it belongs
 * @param value   the offending value, or null (missing data has none)
 * @param message plain English, naming the item or party concerned
 */
public record RuleFailure(String rule, String xpath, String value, String message) {

    /** The form of the golden files: {@code RULE-ID xpath: message}. */
    public String format() {
        return rule + " " + xpath + ": " + message;
    }
}
