package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size cap of an SFTP upload into an inbox ({@code gateway.sftp.max.file.bytes}), like SOAP's body cap and
 * {@code gateway.as2.max.body.bytes}: the write that would pass it fails with {@link TooLarge}, whose text the partner's
 * client shows, and the partial file is deleted, so nothing of it is stored, taken or acknowledged. One partner's huge
 * file cannot exhaust the gateway's memory for every other partner.
 */
final class SftpUploadCap implements SeekableByteChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SftpUploadCap.class);

    /** The refusal of an upload over the cap; its text is what the partner's client shows. */
    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("the file is larger than this gateway takes by SFTP (" + cap + " bytes at most,"
                    + " gateway.sftp.max.file.bytes): nothing was received; split the interchange and send the parts");
        }
    }

    private final SeekableByteChannel channel;
    private final Path file;
    private final long cap;
    private boolean overCap;

    SftpUploadCap(SeekableByteChannel channel, Path file, long cap) {
        this.channel = channel;
        this.file = file;
        this.cap = cap;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (channel.position() + src.remaining() > cap) {
            overCap = true;
            LOG.warn("SFTP upload to {} refused: larger than gateway.sftp.max.file.bytes = {} bytes", file, cap);
            throw new TooLarge(cap);
        }
        return channel.write(src);
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (overCap) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        channel.truncate(size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }
}
