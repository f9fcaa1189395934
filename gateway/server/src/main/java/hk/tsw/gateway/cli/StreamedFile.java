package hk.tsw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.partner.Partner;

/**
 * {@code validate} and {@code translate} of one EDIFACT file on the engine's streaming path, so that a file of any
 * size is checked in a heap bounded by its largest message: each message is checked as it is read, and (with an
 * output folder) its document written at once. What a message's interchange decides is known only at its UNZ, so
 * until then only the lines to print and the names of the files written are kept; an interchange that turns out
 * unsound has its files removed and its messages reported "rejected with its interchange", as the in-memory path
 * does. Prints the same lines as that path, then one line of counts.
 */
final class StreamedFile {

    private final PrintStream out;
    private final PrintStream err;
    private final Path file;
    private final Path outDir;
    private final List<String> acceptedLines = new ArrayList<>();
    private final List<String> acceptedLabels = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private long messages;
    private long accepted;
    private long rejected;
    private long interchanges;

    StreamedFile(PrintStream out, PrintStream err, Path file, Path outDir) {
        this.out = out;
        this.err = err;
        this.file = file;
        this.outDir = outDir;
    }

    /** True when every message and interchange of the file is accepted. */
    boolean check(SubmissionChecker checker, Partner partner) throws IOException {
        List<InterchangeSummary> summaries;
        try (InputStream in = Files.newInputStream(file)) {
            summaries = checker.checkStreaming(file.toString(), in, partner, this::message, this::interchangeEnded);
        }
        if (messages == 0) {
            boolean refused = summaries.stream().anyMatch(i -> i.header() != null && !i.accepted());
            out.println(file + (refused ? ": rejected as a whole, none of its messages was read"
                    : ": rejected, no message could be read"));
        }
        out.println(file + ": " + interchanges + " interchange(s), " + messages + " message(s): " + accepted
                + " accepted, " + rejected + " rejected");
        return rejected == 0 && messages > 0 && summaries.stream().allMatch(InterchangeSummary::accepted);
    }

    private void message(SubmissionChecker.Streamed s) {
        MessageOutcome m = s.outcome();
        messages++;
        String label = m.messageRef() == null ? "document" : "message " + m.messageRef();
        if (!s.accepted()) {
            rejected++;
            out.println(file + ": " + label + ": rejected");
            for (LocatedError e : m.errors()) {
                err.println(file + ": " + e.format());
            }
            s.failures().forEach(f -> err.println(file + ": " + label + ": " + f.format()));
            return;
        }
        String where = "";
        if (outDir != null) {
            Path target = outDir.resolve(m.document().outputName());
            try {
                Path tmp = Files.createTempFile(outDir, ".tsw", ".tmp");
                Files.write(tmp, m.document().xml());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + target, e);
            }
            written.add(target);
            where = " -> " + target;
        }
        acceptedLines.add(file + ": " + label + ": accepted " + m.document().documentType() + where);
        acceptedLabels.add(label);
    }

    private void interchangeEnded(InterchangeSummary summary) {
        interchanges++;
        if (summary.accepted()) {
            acceptedLines.forEach(out::println);
            accepted += acceptedLines.size();
        } else {
            summary.errors().forEach(e -> err.println(file + ": " + e.format()));
            for (String label : acceptedLabels) {
                out.println(file + ": " + label + ": rejected with its interchange");
            }
            rejected += acceptedLabels.size();
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    err.println(file + ": cannot remove " + p + " of the rejected interchange: " + e.getMessage());
                }
            }
        }
        acceptedLines.clear();
        acceptedLabels.clear();
        written.clear();
    }
}
