package hk.tsw.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslationResult;

/**
 * {@code translate}, {@code validate}, {@code preflight} and the demo {@code run}: many files, one engine start.
 * {@code validate} and {@code translate} read EDIFACT on the streaming path ({@link StreamedFile}); XML and
 * {@code preflight} (which shows whole answers) read the file into memory.
 */
final class TranslateCommand {

    private final CliOptions options;
    private final PrintStream out;
    private final PrintStream err;

    TranslateCommand(CliOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** {@code preflight}: the same checks as a real submission, printing the acknowledgements it would get. */
    int preflight() {
        if (options.files().isEmpty()) {
            err.println("no input files");
            return 2;
        }
        preflight = true;
        return process(options.files(), null);
    }

    private boolean preflight;
    private hk.tsw.gateway.partner.Partner partner;

    int translate(boolean write) {
        if (options.files().isEmpty()) {
            err.println("no input files");
            err.println(GatewayCli.USAGE);
            return 2;
        }
        if (write && options.out() == null) {
            err.println("translate needs --out DIR");
            return 2;
        }
        return process(options.files(), write ? options.out() : null);
    }

    int demo() {
        List<Path> samples = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(options.mappings().toAbsolutePath())) {
            walk.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("samples"))
                    .filter(p -> p.toString().endsWith(".edi") || (p.toString().endsWith(".xml")
                            && !p.toString().endsWith(".expected.xml")))
                    .sorted().forEach(samples::add);
        } catch (IOException e) {
            err.println("cannot list samples in " + options.mappings() + ": " + e.getMessage());
            return 2;
        }
        Path outDir = options.data().resolve("out");
        out.println("Translating " + samples.size() + " demo samples into " + outDir
                + " (the bad-* samples are rejected on purpose, to show located errors)");
        int status = process(samples, outDir);
        return status == 1 ? 0 : status;
    }

    private int process(List<Path> files, Path outDir) {
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                // a usage error (wrong path), not a rejected document
                err.println(file + ": no such readable file (tried " + file.toAbsolutePath() + ")");
                return 2;
            }
        }
        EngineSettings defaults = EngineSettings.defaults(options.mappings(), options.data());
        EngineSettings settings = new EngineSettings(defaults.mappingsDir(), defaults.dfdlCacheDir(),
                options.dfdlValidation(), defaults.xmlLimits(), defaults.allowUnicodeUnderSyntax3());
        if (options.partner() != null) {
            try {
                partner = hk.tsw.gateway.partner.PartnerRegistry.load(options.config().resolve("partners"),
                        options.mappings().toAbsolutePath().getParent().resolve("xsd/config/partner.xsd"))
                        .byId(options.partner()).orElse(null);
            } catch (RuntimeException e) {
                err.println("cannot read the partner files: " + e.getMessage());
                return 2;
            }
            if (partner == null) {
                err.println("unknown partner " + options.partner());
                return 2;
            }
        }
        try (SubmissionChecker engine = SubmissionChecker.start(settings)) {
            if (outDir != null) {
                Files.createDirectories(outDir);
            }
            boolean allAccepted = true;
            for (Path file : files) {
                allAccepted &= processOne(engine, file, outDir);
            }
            return allAccepted ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("the engine could not start: " + e.getMessage());
            return 2;
        }
    }

    private boolean processOne(SubmissionChecker engine, Path file, Path outDir) throws IOException {
        if (!preflight && !startsLikeXml(file)) {
            // EDIFACT on the streaming path: a file of any size in a heap bounded by its largest message
            try {
                return new StreamedFile(out, err, file, outDir).check(engine, partner);
            } catch (IOException | RuntimeException e) {
                err.println(file + ": the file could not be processed: " + e.getMessage());
                return false;
            }
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return false;
        }
        SubmissionChecker.Checked checked = engine.check(file.toString(), content, partner);
        TranslationResult result = checked.translation();
        for (LocatedError e : result.fileErrors()) {
            err.println(file + ": " + e.format());
        }
        for (MessageOutcome m : result.messages()) {
            String label = m.messageRef() == null ? "document" : "message " + m.messageRef();
            if (checked.accepted(m)) {
                String where = "";
                if (outDir != null) {
                    Path target = outDir.resolve(m.document().outputName());
                    Path tmp = Files.createTempFile(outDir, ".tsw", ".tmp");
                    Files.write(tmp, m.document().xml());
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    where = " -> " + target;
                }
                out.println(file + ": " + label + ": accepted " + m.document().documentType() + where);
            } else {
                out.println(file + ": " + label + ": rejected" + (m.rejectedWithInterchange() ? " with its interchange" : ""));
                for (LocatedError e : m.errors()) {
                    err.println(file + ": " + e.format());
                }
                checked.failures(m).forEach(f -> err.println(file + ": " + label + ": " + f.format()));
            }
        }
        if (result.messages().isEmpty()) {
            out.println(file + ": rejected, no message could be read");
        }
        if (preflight) {
            for (Acknowledgements.Answer a : new Acknowledgements("HKTSWGW", "ZZZ", java.time.Clock.systemUTC())
                    .answers(checked, engine.rules())) {
                out.println("--- " + a.kind() + " " + a.fileName() + " ---");
                out.println(a.text());
            }
        }
        return checked.allAccepted();
    }

    /** XML (a WCO declaration) is read whole; anything else is taken for EDIFACT. */
    private static boolean startsLikeXml(Path file) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1024);
        }
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && head[i] == '<';
    }
}
