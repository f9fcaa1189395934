package hk.tsw.gateway.translate.mapping;

import java.util.List;
import java.util.stream.Stream;

import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;

/**
 * Everything the engine made of one inbound file: one outcome per message, plus the errors that belong to no single
 * message (bad UNB, UNZ count, truncation, unreadable XML), and for EDIFACT the envelope of each interchange (what
 * a CONTRL answers).
 */
public record TranslationResult(String source, List<MessageOutcome> messages, List<LocatedError> fileErrors,
                                List<InterchangeSummary> interchanges) {

    public boolean allAccepted() {
        return fileErrors.isEmpty() && !messages.isEmpty() && messages.stream().allMatch(MessageOutcome::accepted);
    }

    public List<TranslatedDocument> documents() {
        return messages.stream().filter(MessageOutcome::accepted).map(MessageOutcome::document).toList();
    }

    /** Every error, file-level first, then per message in order. */
    public List<LocatedError> errors() {
        return Stream.concat(fileErrors.stream(), messages.stream().flatMap(m -> m.errors().stream())).toList();
    }
}
