package hk.tsw.gateway.translate.mapping.direct;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.MessageStructure;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.XdmNode;
import org.w3c.dom.Document;

/** Builds the Daffodil-shaped tree of one message straight from its tokenised segments, as DOM or as a Saxon tree. */
public final class DirectInfoset {

    private static final String NAMESPACE = "http://www.ibm.com/dfdl/edi/un/edifact/";

    private DirectInfoset() {
    }

    public static Document dom(EdifactMessage m, MessageStructure structure, SegmentLayouts layouts) throws NotDirect {
        String directory = m.directory();
        DomInfosetWriter w = new DomInfosetWriter(NAMESPACE + directory, directory);
        MessageInfoset.write(w, m, structure, layouts);
        return w.document();
    }

    public static XdmNode saxon(EdifactMessage m, MessageStructure structure, SegmentLayouts layouts,
                                DocumentBuilder builder) throws NotDirect {
        String directory = m.directory();
        SaxonInfosetWriter w = new SaxonInfosetWriter(builder, NAMESPACE + directory, directory);
        MessageInfoset.write(w, m, structure, layouts);
        return w.document();
    }

    /** As {@link #saxon(EdifactMessage, MessageStructure, SegmentLayouts, DocumentBuilder)}, built straight into a
     *  tiny tree of {@code config} (the engine's path: no stream writer in between). */
    public static XdmNode tiny(EdifactMessage m, MessageStructure structure, SegmentLayouts layouts,
                               net.sf.saxon.Configuration config) throws NotDirect {
        String directory = m.directory();
        TinyInfosetWriter w = new TinyInfosetWriter(config, NAMESPACE + directory, directory);
        MessageInfoset.write(w, m, structure, layouts);
        return w.document();
    }
}
