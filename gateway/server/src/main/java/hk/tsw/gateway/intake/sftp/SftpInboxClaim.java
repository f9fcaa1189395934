package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who is working on a file in an inbox: whoever created its marker {@code <file>.camelLock} (an atomic create on the
 * mailbox file system, so it holds across nodes sharing the folder). It is the marker the poller's own read lock
 * ({@link SftpReceiveRoute}, Camel's {@code readLock=changed}) creates and respects, so the SFTP server holds it while
 * a partner writes the file (the poller never takes a file still open for writing) and the event path
 * ({@link SftpEventIntake}) holds it while it takes the file: a file is taken by one of them, once. Markers a crash
 * left behind are deleted when the poller starts (Camel's {@code readLockDeleteOrphanLockFiles}, on by default).
 */
final class SftpInboxClaim {

    static final String SUFFIX = ".camelLock";

    private SftpInboxClaim() {
    }

    /** Names the gateway takes from an inbox: not {@code .*}, {@code *.part}, {@code *.tmp} or a marker. */
    static boolean takeable(String name) {
        return !name.startsWith(".") && !name.endsWith(".part") && !name.endsWith(".tmp") && !name.endsWith(SUFFIX);
    }

    static Path marker(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** True when this call created the marker, i.e. the caller now holds the file. */
    static boolean claim(Path file) throws IOException {
        try {
            Files.createFile(marker(file));
            return true;
        } catch (FileAlreadyExistsException held) {
            return false;
        }
    }

    static void release(Path file) throws IOException {
        Files.deleteIfExists(marker(file));
    }
}
