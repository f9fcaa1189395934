package hk.tsw.gateway.translate.rules;

/**
 * One business rule a canonical document breaks.
 *
 * @param rule    rule id, e.g. {@code DECL-003} (the README of each rules folder lists them)
 * @param xpath   where, in the canonical document, by local names: {@code /TradeDocument/GoodsItem[2]/Commodity/Classification/ID};
 *                for something missing, where it belongs
 * @param value   the offending value, or null (missing data has none)
 * @param message plain English, naming the item or party concerned
 * @param advice  what the sender should change, in plain words (from {@code error-codes.xml}), or null
 */
public record RuleFailure(String rule, String xpath, String value, String message, String advice) {

    /** A failure without advice yet: the rules find it, {@link ClerkAdvice} adds what to do. */
    public RuleFailure(String rule, String xpath, String value, String message) {
        this(rule, xpath, value, message, null);
    }

    /** The same failure with {@code advice} (null or blank for none). */
    public RuleFailure withAdvice(String advice) {
        return new RuleFailure(rule, xpath, value, message, advice == null || advice.isBlank() ? null : advice);
    }

    /** The form of the golden files: {@code RULE-ID xpath: message}, then {@code . What to do: advice} if any. */
    public String format() {
        return rule + " " + xpath + ": " + message + adviceSuffix();
    }

    /** {@code . What to do: advice}, or nothing without advice: the text the answers append to the message. */
    public String adviceSuffix() {
        return advice == null ? "" : ". What to do: " + advice;
    }
}
