package hk.tsw.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payload journal's start (before the store is used) and its checkpoint. Recovery: the segments a previous run
 * left (an OS crash, a power loss, a killed JVM) are replayed; every complete record whose file is missing or differs
 * is written again the durable way (fsync of file and folder), every other file it names is forced, then the segment
 * is deleted. A torn tail is ignored: the unit that wrote it never got past its force, so nothing refers to it.
 */
final class JournalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);
    static final String SUFFIX = ".seg";

    private JournalRecovery() {
    }

    /** The segment files in {@code dir}, oldest first. */
    static List<Path> segments(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            ds.forEach(found::add);
        }
        found.sort(null);
        return found;
    }

    /** Replays and deletes every segment in {@code dir}; returns {restored files, segments}. */
    static int[] recover(Path dir, Path payloads, JournalFiles.Forcer forcer) throws IOException {
        List<Path> segments = segments(dir);
        int restored = 0;
        for (Path segment : segments) {
            JournalRecords.Read read = JournalRecords.read(segment);
            Set<Path> folders = new LinkedHashSet<>();
            for (JournalRecords.Entry e : read.entries()) {
                if (!PayloadFiles.sha256(e.content()).equals(e.sha())) {
                    LOG.warn("payload journal {}: a record for {} holds other content; skipped", segment, e.sha());
                    continue;
                }
                Path target = PayloadFiles.path(payloads, e.sha());
                if (intact(target, e.content())) {
                    forcer.force(target);
                    folders.add(target.getParent());
                } else {
                    JournalFiles.write(target, e.sha(), e.content(), true);
                    restored++;
                }
            }
            folders.forEach(PayloadFiles::forceFolder);
            if (read.torn()) {
                LOG.info("payload journal {}: a torn last record after {} complete one(s) ignored", segment,
                        read.entries().size());
            }
            Files.delete(segment);
        }
        if (!segments.isEmpty()) {
            PayloadFiles.forceFolder(dir);
            LOG.info("payload journal: recovered {} file(s) from {} segment(s)", restored, segments.size());
        }
        return new int[]{restored, segments.size()};
    }

    private static boolean intact(Path target, byte[] content) throws IOException {
        try {
            return Files.size(target) == content.length && Arrays.equals(Files.readAllBytes(target), content);
        } catch (NoSuchFileException missing) {
            return false;
        }
    }

    /**
     * Checkpoints a sealed segment: forces every file it names that still exists (one retention removed is let be),
     * then their folders, then deletes it. Throws, keeping the segment, if a file cannot be forced.
     */
    static void checkpoint(JournalSegment segment, Path payloads, JournalFiles.Forcer forcer) {
        Set<Path> folders = new LinkedHashSet<>();
        try {
            for (String sha : new LinkedHashSet<>(segment.shas())) {
                Path target = PayloadFiles.path(payloads, sha);
                try {
                    forcer.force(target);
                } catch (NoSuchFileException gone) {
                    continue; // removed since (retention), or its unit failed before the rename: nothing to keep
                }
                folders.add(target.getParent());
            }
            folders.forEach(PayloadFiles::forceFolder);
            Files.deleteIfExists(segment.file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint the payload journal segment " + segment.file, e);
        }
    }
}
