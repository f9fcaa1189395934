package hk.tsw.gateway.intake.sftp;

import java.time.Duration;

import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.store.MessageStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.MDC;
import hk.tsw.gateway.intake.DiskGuard;
import hk.tsw.gateway.intake.Intake;
import hk.tsw.gateway.intake.ReceivedQueue;

/**
 * Takes complete uploads from the partners' SFTP {@code inbox/} folders. The file is read, stored raw and recorded
 * (durable) and handed to the received queue by {@link Intake}, and only then moved out of the inbox: that move is the partner's
 * acknowledgement. If anything fails before it (database or broker down), the file stays and is taken again later
 * (and while the broker is unreachable, {@link SftpServer} refuses new uploads into the inbox outright).
 * Files named {@code .*}, {@code *.part} or {@code *.tmp} are never taken; a file must stop changing for
 * {@code gateway.sftp.settle.ms} first (a younger file is skipped by the poll, so it never holds up the others).
 * While the {@link DiskGuard} has paused intake the inboxes are not read.
 * In a cluster the poller of one mailbox store is a singleton ({@link #mailboxStoreId}): a file is taken only while
 * {@code leading} says this node holds it, so nodes sharing the mailbox folder never take the same file twice.
 */
public final class SftpReceiveRoute extends RouteBuilder {

    private final MessageStore store;
    private final PartnerReplies replies;
    private final Duration duplicateWindow;
    private final ReceivedQueue translateQueue;
    private final DiskGuard disk;
    private final java.util.function.BooleanSupplier leading;

    public SftpReceiveRoute(MessageStore store, PartnerReplies replies, Duration duplicateWindow,
                            ReceivedQueue translateQueue, DiskGuard disk, java.util.function.BooleanSupplier leading) {
        this.leading = leading;
        this.store = store;
        this.replies = replies;
        this.duplicateWindow = duplicateWindow;
        this.translateQueue = translateQueue;
        this.disk = disk;
    }

    @Override
    public void configure() {
        Intake intake = new Intake(store, replies, duplicateWindow, translateQueue, disk);
        // the walk goes into partner folders and their inbox only, never into outbox/ or processed/ (a partner that
        // never collects its answers would otherwise make every poll list them all); while the broker is unreachable
        // or intake is paused by the disk guard no file is taken: the files wait in the inbox, unacknowledged; a file
        // taken in the same instant is refused by the intake itself and stays too
        // a file still younger than the settle time is left for a later poll here, rather than by the read lock:
        // the read lock waits for it by sleeping on the poller's only thread, which held up every other partner's
        // upload in the same poll behind one fresh file (the lock below still checks the age, as before)
        long settleMs = Long.parseLong(getContext().getPropertiesComponent().resolveProperty("gateway.sftp.settle.ms")
                .orElseThrow(() -> new IllegalStateException("gateway.sftp.settle.ms is not set")));
        // taking the poller over clears the read-lock markers a killed holder left (PollerTenure says why)
        PollerTenure tenure = new PollerTenure(leading, java.nio.file.Path.of(getContext().getPropertiesComponent()
                .resolveProperty("gateway.sftp.root").orElseThrow(() -> new IllegalStateException("gateway.sftp.root is not set"))));
        GenericFileFilter<Object> whileIntakeOpen = f -> f.isDirectory() ? mailboxWalk(f.getRelativeFilePath())
                : tenure.getAsBoolean() && translateQueue.open() && !disk.status().paused()
                        && settled(f.getLastModified(), settleMs, System.currentTimeMillis());
        getContext().getRegistry().bind("sftpInboxWhileIntakeOpen", whileIntakeOpen);
        from("file:{{gateway.sftp.root}}?recursive=true&minDepth=3&maxDepth=3&antInclude=*/inbox/*"
                + "&exclude=^\\..*|.*\\.(part|tmp)$&filter=#sftpInboxWhileIntakeOpen&readLock=changed&readLockMinAge={{gateway.sftp.settle.ms}}"
                + "&readLockCheckInterval=250&delay=250&maxMessagesPerPoll=100"
                + "&move=../processed/${date:now:yyyyMMdd}/${file:onlyname}.${exchangeId}")
                .routeId("sftp-receive")
                // runs after the consumer's own completion, i.e. after the file left the inbox (the acknowledgement)
                .onCompletion().onCompleteOnly().process(e -> hk.tsw.gateway.settings.FaultPoints.installed().halt("acknowledged")).end()
                .process(e -> receive(e, intake));
    }

    /**
     * The identity of the mailbox folder {@code root}: a random id kept in {@code root/.tsw-mailbox-store}, written
     * once by whichever node comes first (an atomic link). Nodes that see the same folder (a shared mount) read the
     * same id and so compete for one poller; nodes with a folder of their own each get their own. The file is outside
     * every partner's mailbox and never taken by the poller (names starting with a dot are not).
     */
    public static String mailboxStoreId(java.nio.file.Path root) throws java.io.IOException {
        java.nio.file.Path file = root.resolve(".tsw-mailbox-store");
        java.nio.file.Files.createDirectories(root);
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        // written whole under a name of its own, then linked into place: nobody ever reads a half-written id
        java.nio.file.Path mine = java.nio.file.Files.writeString(root.resolve(".tsw-mailbox-store." + id), id);
        try {
            java.nio.file.Files.createLink(file, mine);
            return id;
        } catch (java.nio.file.FileAlreadyExistsException taken) {
            String existing = java.nio.file.Files.readString(file).trim();
            if (!existing.matches("[0-9a-f]{8}")) {
                throw new java.io.IOException(file + " does not hold a mailbox store id (8 hex digits): remove it");
            }
            return existing;
        } finally {
            java.nio.file.Files.deleteIfExists(mine);
        }
    }

    /** True when a file last modified at {@code lastModified} has not changed for the settle time by {@code now}. */
    static boolean settled(long lastModified, long settleMs, long now) {
        return now - lastModified > settleMs; // strictly, as the read lock's own age check
    }

    /** A partner's folder ({@code DEMOFWD}) or its inbox ({@code DEMOFWD/inbox}): the only folders worth listing. */
    static boolean mailboxWalk(String relativeDirectory) {
        String d = relativeDirectory.replace('\\', '/');
        int slash = d.indexOf('/');
        return slash < 0 || d.substring(slash).equals("/inbox");
    }

    private void receive(Exchange exchange, Intake intake) {
        String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        String partner = relative.substring(0, relative.indexOf('/') > 0 ? relative.indexOf('/') : relative.length());
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        byte[] content = exchange.getIn().getBody(byte[].class);
        MDC.put("partner", partner);
        try {
            MessageStore.Receipt r = intake.accept(partner, "SFTP", fileName, content);
            MDC.put("interchange", String.valueOf(r.id()));
        } finally {
            MDC.remove("interchange");
            MDC.remove("partner");
        }
    }
}
