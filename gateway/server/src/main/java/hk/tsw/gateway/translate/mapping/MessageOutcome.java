package hk.tsw.gateway.translate.mapping;

import java.util.List;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.LocatedError;

/**
 * What became of one inbound message: a canonical document, or the errors that rejected it. A message may be
 * rejected only because its interchange was ({@code rejectedWithInterchange}), in which case {@code errors} is empty
 * and the interchange's errors say why. {@code edifact} is the message as received (its UNH identification, group
 * and segments, for CONTRL and APERAK), or null for XML.
 */
public record MessageOutcome(String interchangeRef, String messageRef, TranslatedDocument document,
                             List<LocatedError> errors, boolean rejectedWithInterchange, EdifactMessage edifact) {

    public boolean accepted() {
        return document != null && errors.isEmpty() && !rejectedWithInterchange;
    }

    MessageOutcome rejectWithInterchange() {
        return new MessageOutcome(interchangeRef, messageRef, null, errors, true, edifact);
    }
}
