package hk.tsw.gateway.translate.edifact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable run of bytes that the segment tokenizer reuses segment after segment (no stream, no lock per byte). */
final class ByteRun {

    private byte[] bytes;
    private int length;

    ByteRun(int capacity) {
        bytes = new byte[capacity];
    }

    void add(int b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, length * 2);
        }
        bytes[length++] = (byte) b;
    }

    int length() {
        return length;
    }

    /** The byte at {@code i}, 0-255. */
    int at(int i) {
        return bytes[i] & 0xFF;
    }

    void clear() {
        length = 0;
    }

    /** Whether every byte is below 0x80. */
    boolean ascii() {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes as characters 0-255 (for ASCII: the text in any ASCII-compatible charset). */
    String latin1() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }
}
