package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node holds the SFTP inbox poller now, as each poll asks it; and, the moment it takes the poller over,
 * the read-lock markers ({@code <file>.camelLock}) a previous holder left in the inboxes removed.
 *
 * <p>Why: the poller's read lock puts a marker beside each file it takes and removes it once the file has left the
 * inbox. A holder killed between the two leaves the marker, and the file consumer of every other node skips a file with
 * a marker for ever: the upload would wait in the inbox unseen. Camel removes such orphans only when its consumer
 * starts, and in a cluster every node's consumer started long before it took the poller over (a follower's filter
 * refuses every file, so even that start-up clean-up passes them by). While this node did not hold the poller it took
 * no file, so every marker there at the moment it takes over was left by another holder: removed, each with a warning
 * naming it, and the file is taken at the next poll.
 *
 * <p>If the previous holder lost the poller without dying and is still storing the file, the file is received twice;
 * the intake's duplicate window records the second as a duplicate and never forwards it (docs/CLUSTER.md).
 */
final class PollerTenure implements BooleanSupplier {

    /** Camel's read-lock marker suffix ({@code FileComponent.DEFAULT_LOCK_FILE_POSTFIX}). */
    static final String MARKER = ".camelLock";

    private static final Logger LOG = LoggerFactory.getLogger(PollerTenure.class);

    private final BooleanSupplier leading;
    private final Path root;
    private volatile boolean held;

    /**
     * @param leading whether this node holds the poller's singleton now
     * @param root    the mailbox folder ({@code <root>/<partner>/inbox/})
     */
    PollerTenure(BooleanSupplier leading, Path root) {
        this.leading = leading;
        this.root = root;
    }

    @Override
    public boolean getAsBoolean() {
        boolean now = leading.getAsBoolean();
        if (now && !held) {
            removeOrphanMarkers();
        }
        held = now;
        return now;
    }

    /** Removes every read-lock marker in the partners' inboxes; returns how many. */
    int removeOrphanMarkers() {
        int removed = 0;
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (DirectoryStream<Path> partners = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path partner : partners) {
                Path inbox = partner.resolve("inbox");
                if (!Files.isDirectory(inbox)) {
                    continue;
                }
                try (DirectoryStream<Path> markers = Files.newDirectoryStream(inbox, "*" + MARKER)) {
                    for (Path marker : markers) {
                        if (Files.deleteIfExists(marker)) {
                            removed++;
                            LOG.warn("SFTP poller taken over: removed the read-lock marker {} that a previous holder left"
                                    + " (killed while taking the file); the file is taken now", root.relativize(marker));
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the next take-over tries again; the files wait in the inbox, nothing is lost
            LOG.warn("SFTP poller taken over: the inboxes under {} could not be cleared of read-lock markers: {}", root,
                    e.toString());
        }
        return removed;
    }
}
