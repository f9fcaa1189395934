package hk.tsw.gateway.translate.edifact;

/**
 * The service characters of an interchange (UNA, or the ISO 9735 defaults). {@code release} and
 * {@code repetition} are -1 when not used.
 */
public record ServiceChars(int component, int element, int decimal, int release, int repetition, int terminator) {

    /** Defaults of ISO 9735 when no UNA is present: {@code :+.? '} (syntax 3) and {@code :+.?*'} (syntax 4). */
    public static ServiceChars defaults() {
        return new ServiceChars(':', '+', '.', '?', -1, '\'');
    }

    /** The same characters with the syntax-4 default repetition separator when the UNA did not give one. */
    public ServiceChars withRepetition(int rep) {
        return new ServiceChars(component, element, decimal, release, rep, terminator);
    }

    /**
     * Checks a UNA's characters. Returns null when usable, else a reason with its 0085 code as
     * {@code code|reason}: 20 for a character that cannot serve as a separator, 22 for separators that clash.
     */
    public String problem() {
        int[] seps = {component, element, terminator};
        for (int c : seps) {
            if (Character.isLetterOrDigit(c) || c == ' ' || c < 0x20 || c > 0x7E) {
                return "20|character '" + (char) c + "' cannot be used as a separator";
            }
        }
        if (release != -1 && (Character.isLetterOrDigit(release) || release < 0x20 || release > 0x7E)) {
            return "20|character '" + (char) release + "' cannot be used as the release character";
        }
        if (decimal != '.' && decimal != ',') {
            return "22|the decimal mark must be '.' or ',', not '" + (char) decimal + "'";
        }
        int[] all = {component, element, terminator, release, repetition};
        for (int i = 0; i < all.length; i++) {
            for (int j = i + 1; j < all.length; j++) {
                if (all[i] != -1 && all[i] == all[j]) {
                    return "22|service character '" + (char) all[i] + "' is used for two purposes";
                }
            }
        }
        return null;
    }
}
