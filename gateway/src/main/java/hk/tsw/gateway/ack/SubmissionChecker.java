package hk.tsw.gateway.ack;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.mapping.EngineSettings;
import hk.tsw.gateway.mapping.MessageOutcome;
import hk.tsw.gateway.mapping.TranslationEngine;
import hk.tsw.gateway.mapping.TranslationResult;
import hk.tsw.gateway.rules.BusinessRules;
import hk.tsw.gateway.rules.RuleFailure;
import hk.tsw.gateway.xml.SecureXml;

/**
 * The one checker behind {@code validate}, {@code preflight}, {@code POST /api/validate} and the live pipeline, so
 * they always agree: syntax and mapping by the translation engine, then the business rules of
 * {@code mappings/rules/<DOCUMENT_TYPE>/} on every document the engine accepted. It stores and forwards nothing.
 */
public final class SubmissionChecker implements AutoCloseable {

    /** The engine's result plus the rule failures of each accepted message (all collected, not just the first). */
    public record Checked(TranslationResult translation, Map<MessageOutcome, List<RuleFailure>> failures) {

        public List<RuleFailure> failures(MessageOutcome m) {
            return failures.getOrDefault(m, List.of());
        }

        /** Accepted by syntax, mapping and business rules. */
        public boolean accepted(MessageOutcome m) {
            return m.accepted() && failures(m).isEmpty();
        }

        public boolean allAccepted() {
            return translation.allAccepted() && translation.messages().stream().allMatch(this::accepted);
        }
    }

    private final TranslationEngine engine;
    private final BusinessRules rules;

    public SubmissionChecker(TranslationEngine engine, BusinessRules rules) {
        this.engine = engine;
        this.rules = rules;
    }

    /** Starts the engine and loads the rules from {@code <mappings>/rules}. */
    public static SubmissionChecker start(EngineSettings settings) throws IOException {
        TranslationEngine engine = TranslationEngine.start(settings);
        try {
            return new SubmissionChecker(engine, BusinessRules.load(settings.mappingsDir().resolve("rules"), SecureXml.saxon()));
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public Checked check(String source, byte[] content) {
        TranslationResult r = engine.translate(source, content);
        Map<MessageOutcome, List<RuleFailure>> failures = new IdentityHashMap<>();
        for (MessageOutcome m : r.messages()) {
            if (m.accepted()) {
                List<RuleFailure> f = rules.check(m.document().documentType(), m.document().xml());
                if (!f.isEmpty()) {
                    failures.put(m, List.copyOf(f));
                }
            }
        }
        return new Checked(r, failures);
    }

    public BusinessRules rules() {
        return rules;
    }

    @Override
    public void close() {
        engine.close();
    }
}
