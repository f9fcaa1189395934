package hk.tsw.gateway.intake.soap;

import java.io.IOException;
import java.io.InputStream;

import org.apache.cxf.io.CachedOutputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Keeps the request body exactly as received (it is already capped by {@link BodyCapHandler}), so a submitted
 * declaration can be taken from the partner's own bytes and its errors located on the lines of the request the
 * partner logged ({@link SentDeclaration}). CXF's cache spills to a temporary file above its threshold.
 */
final class RawRequest extends AbstractPhaseInterceptor<Message> {

    /** Exchange key of the cached request body. */
    static final String BODY = "tsw.soap.raw";

    RawRequest() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        try {
            CachedOutputStream copy = new CachedOutputStream();
            in.transferTo(copy);
            copy.flush();
            message.setContent(InputStream.class, copy.getInputStream());
            message.getExchange().put(BODY, copy);
        } catch (IOException e) {
            throw new org.apache.cxf.interceptor.Fault(e);
        }
    }

    /** The request body as received, or null. */
    static byte[] of(Message message) {
        Object copy = message.getExchange().get(BODY);
        try {
            return copy instanceof CachedOutputStream c ? c.getBytes() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
