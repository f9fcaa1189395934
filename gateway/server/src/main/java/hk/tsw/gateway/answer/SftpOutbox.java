package hk.tsw.gateway.answer;

import hk.tsw.gateway.store.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes answers into a partner's SFTP {@code outbox/}, named {@code <interchange reference>.<kind>.txt}. A file
 * appears whole or not at all (written under a dot-name, then renamed), so a partner polling the outbox never reads
 * half an answer. Writing the same answer twice replaces it with identical content.
 */
public final class SftpOutbox {

    private final Path mailboxRoot;

    public SftpOutbox(Path mailboxRoot) {
        this.mailboxRoot = mailboxRoot;
    }

    /** Writes an answer under its own file name (CONTRL, APERAK, WCO Response). */
    public Path write(String partnerId, String fileName, byte[] content) {
        Path outbox = mailboxRoot.resolve(partnerId).resolve("outbox");
        Path target = outbox.resolve(FileNames.safe(fileName));
        try {
            Files.createDirectories(outbox);
            Path tmp = outbox.resolve("." + target.getFileName() + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer to " + target, e);
        }
    }
}
