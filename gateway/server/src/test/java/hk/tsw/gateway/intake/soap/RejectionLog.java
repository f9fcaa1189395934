package hk.tsw.gateway.intake.soap;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** The {@code SOAP_REJECTED} lines the service logs while a test runs: the codes, in order. */
final class RejectionLog implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("^SOAP_REJECTED code=(\\S+)");

    private final Logger logger = (Logger) LoggerFactory.getLogger("hk.tsw.gateway.intake.soap");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private RejectionLog() {
        appender.start();
        logger.addAppender(appender);
    }

    static RejectionLog attach() {
        return new RejectionLog();
    }

    List<String> codes() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> CODE.matcher(e.getFormattedMessage())).filter(Matcher::find)
                    .map(m -> m.group(1)).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
