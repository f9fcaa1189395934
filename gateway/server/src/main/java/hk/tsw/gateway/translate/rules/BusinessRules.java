package hk.tsw.gateway.translate.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;

import hk.tsw.gateway.security.SecureXml;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.streams.Predicates;
import net.sf.saxon.s9api.streams.Steps;
import org.xml.sax.InputSource;

/**
 * The application checks that follow syntax and mapping: business rules kept as data, one folder per canonical
 * document type ({@code mappings/rules/<DOCUMENT_TYPE>/rules.xsl}), plus, for LPCO applications, one folder per LPCO
 * type beside them ({@code <DOCUMENT_TYPE>/<lpcoType>/rules.xsl}, run after the type's own) and, for other documents,
 * one per transport mode ({@code <DOCUMENT_TYPE>/MODE-<Rec 19 code>/rules.xsl}), code lists as XML in
 * {@code common/}. Adding a document type or an LPCO type is adding a folder. Every rule runs, so a document gets all its failures at once.
 *
 * <p>Stylesheets are compiled once, on first use or ahead of it by {@link #compileAll} (gateway.mappings.compile); a
 * document waits only for its own type's. Their includes may only reach files inside the rules folder, and they
 * read no file at run time: each {@code common/*.xml} code list is parsed here with the hardened parser and passed
 * as the document parameter {@code rc:<file name>}. Thread-safe after {@link #load}.
 */
public final class BusinessRules {

    static final String COMMON_NS = "urn:hk:tsw:rules-common";
    static final String FAILURES_NS = "urn:hk:tsw:rule-failures:1";
    private static final String CODES_NS = "urn:hk:tsw:rule-error-codes:1";

    private final Processor saxon;
    private final Map<String, Lazy> byType;
    /** The document types with per-LPCO-type or per-mode folders ({@code <TYPE>/<sub>/rules.xsl}). */
    private final Set<String> withVariants;
    private final Map<QName, XdmValue> codeLists;
    private final Map<String, String> errorCodes;
    private final String defaultCode;
    private final String mappingCode;
    private final ClerkAdvice advice;

    private BusinessRules(Processor saxon, Map<String, Lazy> byType, Map<QName, XdmValue> codeLists,
                          Map<String, String> errorCodes, String defaultCode, String mappingCode, ClerkAdvice advice) {
        this.advice = advice;
        this.saxon = saxon;
        this.byType = byType;
        this.withVariants = byType.keySet().stream().filter(k -> k.contains("/"))
                .map(k -> k.substring(0, k.indexOf('/'))).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.codeLists = codeLists;
        this.errorCodes = errorCodes;
        this.defaultCode = defaultCode;
        this.mappingCode = mappingCode;
    }

    /**
     * Reads the code lists and error codes under {@code rulesDir} and finds every {@code <TYPE>/rules.xsl}; the
     * stylesheets are compiled on first use or by {@link #compileAll}. A broken code list stops the load, named.
     */
    public static BusinessRules load(Path rulesDir, Processor saxon) throws IOException {
        Path base = rulesDir.toAbsolutePath().normalize();
        Map<QName, XdmValue> codeLists = new HashMap<>();
        try (Stream<Path> files = Files.list(base.resolve("common"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.xml$", "");
                codeLists.put(new QName(COMMON_NS, name), parse(saxon, Files.readAllBytes(f), f.toUri().toString()));
            }
        }
        Map<String, Lazy> byType = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String type = dir.getFileName().toString();
                if (Files.isRegularFile(dir.resolve("rules.xsl"))) {
                    byType.put(type, new Lazy(base, dir.resolve("rules.xsl"), saxon));
                }
                // per-LPCO-type rules beside the type's common ones: <TYPE>/<lpcoType>/rules.xsl
                try (Stream<Path> subs = Files.list(dir)) {
                    for (Path sub : subs.filter(d -> Files.isRegularFile(d.resolve("rules.xsl"))).sorted().toList()) {
                        byType.put(type + "/" + sub.getFileName(), new Lazy(base, sub.resolve("rules.xsl"), saxon));
                    }
                }
            }
        }
        Map<String, String> codes = new HashMap<>();
        XdmNode codeFile = parse(saxon, Files.readAllBytes(base.resolve("error-codes.xml")), null);
        XdmNode root = codeFile.children(Predicates.isElement()).iterator().next();
        for (XdmNode code : root.children(Predicates.hasName(CODES_NS, "code"))) {
            for (String rule : code.attribute("rules").trim().split("\\s+")) {
                codes.put(rule, code.attribute("value"));
            }
        }
        return new BusinessRules(saxon, java.util.Collections.unmodifiableMap(byType), Map.copyOf(codeLists), Map.copyOf(codes),
                root.attribute("default"), root.attribute("mapping"), ClerkAdvice.load(base));
    }

    /**
     * Compiles every rules stylesheet not compiled yet, in folder order; {@code done} sees each one's folder and its
     * failure (null when it compiled). Returns the failures; an interrupted thread stops between folders.
     */
    public List<String> compileAll(java.util.function.BiConsumer<String, String> done) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Lazy> e : byType.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            String failure = e.getValue().compile();
            if (failure != null) {
                failures.add(failure);
            }
            done.accept(e.getKey(), failure);
        }
        return failures;
    }

    /** One rules stylesheet, compiled once on first use; a failure is kept and thrown at each use. */
    private static final class Lazy {
        private final Path base;
        private final Path xsl;
        private final Processor saxon;
        private volatile XsltExecutable exec;
        private volatile String failure;
        /**
         * One transformer per thread, its code-list parameters set once: Saxon's transformer may run one
         * transformation after another, and the rules' global variables are constants, so nothing of one document
         * is seen by the next. Loading and priming a transformer per document cost about as much as some rules.
         */
        private final ThreadLocal<Xslt30Transformer> transformers = new ThreadLocal<>();

        Lazy(Path base, Path xsl, Processor saxon) {
            this.base = base;
            this.xsl = xsl;
            this.saxon = saxon;
        }

        synchronized String compile() {
            if (exec == null && failure == null) {
                try {
                    exec = BusinessRules.compile(base, xsl, saxon);
                } catch (IOException | RuntimeException e) {
                    failure = e.getMessage();
                }
            }
            return failure;
        }

        Xslt30Transformer transformer(Map<QName, XdmValue> codeLists) throws SaxonApiException {
            Xslt30Transformer t = transformers.get();
            if (t == null) {
                t = get().load30();
                t.setStylesheetParameters(codeLists);
                transformers.set(t);
            }
            return t;
        }

        void discardTransformer() {
            transformers.remove();
        }

        XsltExecutable get() {
            XsltExecutable e = exec;
            if (e != null) {
                return e;
            }
            String f = compile();
            if (f != null) {
                throw new IllegalStateException(f);
            }
            return exec;
        }
    }

    private static XsltExecutable compile(Path base, Path xsl, Processor saxon) throws IOException {
        XsltCompiler compiler = saxon.newXsltCompiler();
        compiler.setURIResolver((href, baseUri) -> resolveInside(base, href, baseUri));
        try (InputStream in = Files.newInputStream(xsl)) {
            return compiler.compile(new StreamSource(in, xsl.toUri().toString()));
        } catch (SaxonApiException e) {
            throw new IOException("business rules " + base.relativize(xsl) + " cannot be compiled: " + e.getMessage(), e);
        }
    }

    /** Stylesheet modules may only come from inside the rules folder (as in MappingCatalog). */
    private static Source resolveInside(Path base, String href, String baseUri) throws TransformerException {
        Path target = Path.of(URI.create(baseUri).resolve(href)).normalize();
        if (!target.startsWith(base)) {
            throw new TransformerException("stylesheet module " + href + " is outside the rules folder");
        }
        try {
            return new StreamSource(Files.newInputStream(target), target.toUri().toString());
        } catch (IOException e) {
            throw new TransformerException("cannot read stylesheet module " + target + ": " + e.getMessage());
        }
    }

    /** The document types that have rules, and {@code <TYPE>/<lpcoType>} for each per-LPCO-type folder. */
    public Set<String> documentTypes() {
        return byType.keySet();
    }

    /**
     * Runs every rule of {@code documentType} on a canonical document. Empty when the document passes, or when
     * there is no rules folder for the type.
     *
     * @throws IllegalArgumentException when the bytes are not well-formed XML
     */
    public List<RuleFailure> check(String documentType, byte[] canonicalXml) {
        return check(documentType, null, canonicalXml);
    }

    /**
     * As {@link #check(String, byte[])}, on the tree the mapping built when it belongs to this processor (no second
     * parse); otherwise the bytes are parsed.
     */
    public List<RuleFailure> check(String documentType, XdmNode tree, byte[] canonicalXml) {
        Lazy rules = byType.get(documentType);
        boolean perLpcoType = withVariants.contains(documentType);
        if (rules == null && !perLpcoType) {
            return List.of();
        }
        XdmNode doc;
        if (tree != null && tree.getNodeKind() == XdmNodeKind.DOCUMENT
                && tree.getUnderlyingNode().getConfiguration() == saxon.getUnderlyingConfiguration()) {
            doc = tree;
        } else {
            try {
                doc = parse(saxon, canonicalXml, null);
            } catch (IOException e) {
                throw new IllegalArgumentException("the canonical document cannot be read: " + e.getMessage(), e);
            }
        }
        List<RuleFailure> failures = new ArrayList<>();
        try {
            if (rules != null) {
                run(rules, doc, failures);
            }
            if (perLpcoType) {
                Lazy own = byType.get(documentType + "/" + variant(doc));
                if (own != null) {
                    run(own, doc, failures);
                }
            }
            return List.copyOf(failures);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("business rules for " + documentType + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The sub-folder whose rules run after the type's own: the LPCO type ({@code LPCO_APPLICATION/TID-SC-EXP}), else
     * {@code MODE-<UN/ECE Rec 19 code>} for the transport mode ({@code CARGO_MANIFEST/MODE-4} for air).
     */
    private static String variant(XdmNode doc) {
        hk.tsw.gateway.translate.canonical.CanonicalFacts facts = hk.tsw.gateway.translate.canonical.CanonicalFacts.lpcoTypeAndMode(doc);
        if (facts.lpcoType() != null) {
            return facts.lpcoType();
        }
        return facts.transportMode() == null ? "" : "MODE-" + facts.transportMode();
    }

    private void run(Lazy rules, XdmNode doc, List<RuleFailure> failures) throws SaxonApiException {
        Xslt30Transformer t = rules.transformer(codeLists);
        XdmDestination out = new XdmDestination();
        try {
            t.applyTemplates(doc, out);
        } catch (SaxonApiException | RuntimeException e) {
            rules.discardTransformer(); // the next document gets a fresh one, whatever state this one is left in
            throw e;
        }
        for (XdmNode f : out.getXdmNode().select(Steps.descendant(FAILURES_NS, "Failure")).toList()) {
            failures.add(new RuleFailure(f.attribute("rule"), f.attribute("xpath"), f.attribute("value"),
                    f.getStringValue()));
        }
    }

    /** The application error code (APERAK ERC 9321) for a rule id, from {@code error-codes.xml}. */
    public String errorCode(String rule) {
        return errorCodes.getOrDefault(rule, defaultCode);
    }

    /** What to tell the sender to change, for every rejection (syntax, mapping, rules): kept with the codes. */
    public ClerkAdvice advice() {
        return advice;
    }

    /** The application error code for a mapping error (a message that could not be mapped at all). */
    public String mappingErrorCode() {
        return mappingCode;
    }

    /** Parses with the gateway's hardened SAX parser (no DTD, no entities) into a Saxon tree. */
    private static XdmNode parse(Processor saxon, byte[] xml, String systemId) throws IOException {
        try {
            InputSource in = new InputSource(new ByteArrayInputStream(xml));
            in.setSystemId(systemId);
            SAXSource source = new SAXSource(SecureXml.xmlReader(), in);
            XdmNode node = saxon.newDocumentBuilder().build(source);
            if (node.getNodeKind() != XdmNodeKind.DOCUMENT) {
                throw new IOException("not a document");
            }
            return node;
        } catch (SaxonApiException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
