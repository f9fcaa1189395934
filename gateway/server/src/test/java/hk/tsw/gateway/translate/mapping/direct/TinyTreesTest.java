package hk.tsw.gateway.translate.mapping.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.EmptyStackException;
import java.util.Random;
import java.util.Stack;

import javax.xml.transform.stream.StreamSource;

import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.tree.tiny.TinyBuilder;
import net.sf.saxon.tree.tiny.TinyNodeImpl;
import org.junit.jupiter.api.Test;

/** The lock-free tiny-tree builders: they really hold the lean stack, and build the tree Saxon's own builder builds. */
class TinyTreesTest {

    private static final String XML = "<a:r xmlns:a='urn:a' xmlns='urn:d'><x><y xmlns:b='urn:b'><b:z/><w/></y></x>"
            + "<q xmlns=''><p xmlns:c='urn:c' c:at='1'>t</p></q><e/></a:r>";

    @Test
    void builders_hold_the_lean_namespace_stack() {
        // Fails should a Saxon upgrade rename or retype TinyBuilder's namespace stack: the trees would then be built
        // with the synchronised stack again (correct, but the cut is lost).
        TinyBuilder b = TinyTrees.builder(new Processor(false).getUnderlyingConfiguration().makePipelineConfiguration());
        assertTrue(TinyTrees.lean(b));
    }

    @Test
    void lean_stack_behaves_as_a_stack() {
        Stack<Integer> lean = new TinyTrees.LeanStack<>();
        Stack<Integer> plain = new Stack<>();
        Random random = new Random(16);
        for (int i = 0; i < 100_000; i++) {
            if (plain.isEmpty() || random.nextInt(3) > 0) {
                assertEquals(plain.push(i), lean.push(i));
            } else {
                assertEquals(plain.peek(), lean.peek());
                assertEquals(plain.pop(), lean.pop());
            }
            assertEquals(plain.isEmpty(), lean.isEmpty());
            assertEquals(plain.size(), lean.size());
        }
        while (!plain.isEmpty()) {
            assertEquals(plain.pop(), lean.pop());
        }
        assertTrue(lean.empty());
        assertThrows(EmptyStackException.class, lean::peek);
        assertThrows(EmptyStackException.class, lean::pop);
    }

    @Test
    void the_mapping_output_tree_is_the_tree_saxon_builds() throws Exception {
        Processor saxon = new Processor(false);
        XsltExecutable copy = saxon.newXsltCompiler().compile(new StreamSource(new StringReader(
                "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
                        + "<xsl:template match='/'><xsl:copy-of select='.'/></xsl:template></xsl:stylesheet>")));
        DocumentBuilder builder = saxon.newDocumentBuilder();
        XdmNode input = builder.build(new StreamSource(new StringReader(XML)));

        XdmDestination plain = new XdmDestination();
        copy.load30().applyTemplates(input, plain);
        XdmDestination lean = new XdmDestination();
        lean.setTreeModel(TinyTrees.MODEL);
        copy.load30().applyTemplates(input, lean);

        assertInstanceOf(TinyNodeImpl.class, lean.getXdmNode().getUnderlyingNode());
        assertEquals(plain.getXdmNode().toString(), lean.getXdmNode().toString());
        assertEquals(namespaces(plain.getXdmNode()), namespaces(lean.getXdmNode()));
    }

    /** Every element's in-scope namespaces, in document order. */
    private static String namespaces(XdmNode doc) {
        StringBuilder out = new StringBuilder();
        doc.select(net.sf.saxon.s9api.streams.Steps.descendant()).forEach(n -> {
            if (n.getNodeKind() == net.sf.saxon.s9api.XdmNodeKind.ELEMENT) {
                out.append(n.getNodeName());
                n.getUnderlyingNode().getAllNamespaces()
                        .forEach(b -> out.append(' ').append(b.getPrefix()).append('=').append(b.getNamespaceUri()));
                out.append('\n');
            }
        });
        return out.toString();
    }
}
