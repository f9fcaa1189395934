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
 * {@code gateway.sftp.settle.ms} first. While the {@link DiskGuard} has paused intake the inboxes are not read.
 */
public final class SftpReceiveRoute extends RouteBuilder {

    private final MessageStore store;
    private final PartnerReplies replies;
    private final Duration duplicateWindow;
    private final ReceivedQueue translateQueue;
    private final DiskGuard disk;

    public SftpReceiveRoute(MessageStore store, PartnerReplies replies, Duration duplicateWindow,
                            ReceivedQueue translateQueue, DiskGuard disk) {
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
        GenericFileFilter<Object> whileIntakeOpen = f -> f.isDirectory() ? mailboxWalk(f.getRelativeFilePath())
                : translateQueue.open() && !disk.status().paused();
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
