package hk.tsw.gateway.tools;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import hk.tsw.gateway.translate.mapping.DaffodilEdifactReader;
import org.w3c.dom.Document;

/**
 * Mapping authors' aid: prints the Smooks/DFDL XML of a raw EDIFACT file, i.e. what a mapping stylesheet reads.
 * Usage: DfdlDump FILE DIRECTORY MESSAGETYPE  (e.g. samples/x.edi D96A CUSDEC)
 */
public final class DfdlDump {
    public static void main(String[] args) throws Exception {
        try (DaffodilEdifactReader reader = new DaffodilEdifactReader(List.of(Map.entry(args[1], args[2])),
                Path.of("gateway/server/target/dfdl-cache").toAbsolutePath(), "Off")) {
            Document doc = reader.read(args[1], Files.readAllBytes(Path.of(args[0])));
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            System.out.println(w);
        }
    }
}
