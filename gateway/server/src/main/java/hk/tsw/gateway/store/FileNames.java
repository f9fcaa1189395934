package hk.tsw.gateway.store;

/**
 * The one file-name sanitiser: every name the gateway builds from what a partner sent (a reference, a message id, a
 * file name) passes here before it touches a directory. Keeps {@code A-Z a-z 0-9 . _ -}; anything else (separators,
 * control characters, spaces, non-ASCII) becomes {@code _}; leading dots become {@code _} (no {@code ..}, no hidden
 * file); a name longer than {@link #MAX_LENGTH} is cut, keeping a short extension; null or blank gives the fallback.
 */
public final class FileNames {

    /** Longest name returned (well under the 255 bytes of common file systems, leaving room for suffixes). */
    public static final int MAX_LENGTH = 160;
    private static final int MAX_EXTENSION = 16;

    private FileNames() {
    }

    /** The safe form of {@code name}, or {@code fallback} when it is null or blank. */
    public static String safe(String name, String fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_LENGTH + 1));
        boolean leading = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean kept = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-';
            if (leading && c == '.') {
                kept = false;
            }
            leading = leading && c == '.';
            out.append(kept ? c : '_');
        }
        return cut(out.toString());
    }

    /** The safe form of {@code name}, {@code "unknown"} when it is null or blank. */
    public static String safe(String name) {
        return safe(name, "unknown");
    }

    private static String cut(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= MAX_EXTENSION ? s.substring(dot) : "";
        return s.substring(0, MAX_LENGTH - ext.length()) + ext;
    }
}
