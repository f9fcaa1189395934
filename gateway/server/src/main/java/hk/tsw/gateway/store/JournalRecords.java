package hk.tsw.gateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The payload journal's record: a magic number, the SHA-256 (32 bytes), the length, a CRC32C over the three before it
 * and the content, then the content. Reading a segment stops at the first record that is short, has another magic,
 * an impossible length or a wrong checksum: a torn tail (the unit that wrote it never got past its force).
 */
final class JournalRecords {

    static final int MAGIC = 0x50574A31; // "PWJ1"
    static final int HEADER = 4 + 32 + 4 + 4;

    /** One record read back. */
    record Entry(String sha, byte[] content) {
    }

    /** A segment read back: its complete records, and whether a torn tail followed them. */
    record Read(List<Entry> entries, boolean torn) {
    }

    private JournalRecords() {
    }

    static ByteBuffer encode(String sha, byte[] content) {
        byte[] shaBytes = HexFormat.of().parseHex(sha);
        ByteBuffer b = ByteBuffer.allocate(HEADER + content.length);
        b.putInt(MAGIC).put(shaBytes).putInt(content.length);
        b.putInt(crc(shaBytes, content.length, content));
        b.put(content);
        return b.flip();
    }

    static Read read(Path segment) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            long at = 0;
            while (true) {
                if (size - at == 0) {
                    return new Read(entries, false);
                }
                if (size - at < HEADER) {
                    return new Read(entries, true);
                }
                ByteBuffer h = ByteBuffer.allocate(HEADER);
                readFully(ch, h, at);
                h.flip();
                int magic = h.getInt();
                byte[] shaBytes = new byte[32];
                h.get(shaBytes);
                int length = h.getInt();
                int crc = h.getInt();
                if (magic != MAGIC || length < 0 || length > size - at - HEADER) {
                    return new Read(entries, true);
                }
                ByteBuffer content = ByteBuffer.allocate(length);
                readFully(ch, content, at + HEADER);
                if (crc(shaBytes, length, content.array()) != crc) {
                    return new Read(entries, true);
                }
                entries.add(new Entry(HexFormat.of().formatHex(shaBytes), content.array()));
                at += HEADER + length;
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                throw new IOException("short read");
            }
        }
    }

    private static int crc(byte[] shaBytes, int length, byte[] content) {
        CRC32C c = new CRC32C();
        c.update(shaBytes);
        c.update(ByteBuffer.allocate(4).putInt(length).flip());
        c.update(content);
        return (int) c.getValue();
    }
}
