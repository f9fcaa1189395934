package hk.tsw.gateway.api.console;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.translate.edifact.SyntaxCharset;

/**
 * An uploaded file's bytes as text, for showing its numbered segments or lines: an EDIFACT interchange in the charset
 * of the syntax identifier its UNB declares (UNOC: ISO-8859-1, UNOY: UTF-8...; the separators of a UNA honoured), an
 * XML document in the encoding its declaration names; UTF-8 otherwise. Undecodable bytes show as U+FFFD: the check
 * itself reads the original bytes and reports them.
 */
final class UploadedText {

    private static final Pattern XML_ENCODING = Pattern.compile(
            "^\\s*<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private UploadedText() {
    }

    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String head = new String(bytes, start, Math.min(bytes.length - start, 512), StandardCharsets.ISO_8859_1);
        Charset charset = head.stripLeading().startsWith("<") ? xml(head) : edifact(head);
        return new String(bytes, start, bytes.length - start, charset);
    }

    private static Charset xml(String head) {
        Matcher m = XML_ENCODING.matcher(head);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8; // the check names the unknown encoding
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Charset edifact(String head) {
        String s = head.stripLeading();
        char component = ':';
        char data = '+';
        if (s.startsWith("UNA") && s.length() >= 9) {
            component = s.charAt(3);
            data = s.charAt(4);
        }
        int unb = s.indexOf("UNB" + data);
        if (unb < 0) {
            return StandardCharsets.UTF_8;
        }
        int from = unb + 4;
        int to = from;
        while (to < s.length() && s.charAt(to) != component && s.charAt(to) != data && to - from < 8) {
            to++;
        }
        SyntaxCharset syntax = SyntaxCharset.of(s.substring(from, to).toUpperCase(Locale.ROOT));
        return syntax == null ? StandardCharsets.UTF_8 : syntax.charset();
    }
}
