package hk.tsw.gateway.translate.mapping;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.SingleMessageInterchange;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.XdmNode;
import org.w3c.dom.Document;

/**
 * The seam between the envelope layer and the mappings: turns one message, presented as a single-message
 * interchange in UTF-8 with standard service characters, into the XML tree that the mapping stylesheets read
 * (the Smooks EDIFACT cartridge's DFDL infoset). The default implementation is Smooks + Daffodil; a faster reader
 * must emit the same tree so that no mapping changes.
 */
public interface EdifactMessageReader extends AutoCloseable {

    /**
     * @param directory    directory version in upper case, e.g. {@code D96A}
     * @param interchange  a single-message interchange (UNA, UNB, UNH..UNT, UNZ), UTF-8
     * @return the infoset, or throws {@link MessageReadException} with a readable reason
     */
    Document read(String directory, byte[] interchange) throws MessageReadException;

    /**
     * The tree of one message the envelope scanner has already tokenised, ready for the mapping stylesheet. By
     * default the message is re-written as a single-message interchange and read with {@link #read(String, byte[])};
     * a reader that works from the segments directly overrides this.
     */
    default XdmNode read(EdifactMessage m, DocumentBuilder saxon) throws MessageReadException {
        return saxon.wrap(read(m.directory(), SingleMessageInterchange.of(m)));
    }

    /**
     * As {@link #read(EdifactMessage, DocumentBuilder)}, the tree belonging to {@code saxon}: what the engine calls,
     * so a reader that builds Saxon trees itself needs no document builder per message.
     */
    default XdmNode read(EdifactMessage m, net.sf.saxon.s9api.Processor saxon) throws MessageReadException {
        return read(m, saxon.newDocumentBuilder());
    }

    /** Compiles (or loads from cache) every directory this reader will be asked for. */
    void warmUp();

    @Override
    void close();

    /** A message the reader could not turn into a tree; the reason is fit for a partner to read. */
    final class MessageReadException extends Exception {
        public MessageReadException(String reason) {
            super(reason);
        }
    }
}
