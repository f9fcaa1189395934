package hk.tsw.gateway.api.console;

import java.util.function.BiConsumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Receives the preflight's file upload ({@code POST /console/preflight/upload}, {@code multipart/form-data}) without a
 * body handler: Vert.x's own multipart decoder (Netty's) parses the form, the file's bytes are collected in memory up
 * to the limit (nothing is written to disk, nothing is stored), and the form's other fields (the CSRF token, the
 * operator's partner) stay with the request. Then {@code done} runs on a worker thread with what was received.
 * <p>
 * A body that is too large (declared by its Content-Length, or counted as it comes when chunked) is read and dropped
 * up to {@code gateway.console.preflight.max.discard.bytes} in all before the refusal is sent, and the connection is
 * closed after it: a browser or client that writes its whole body before reading the answer (most do) gets the
 * message, not a connection reset from a socket closed with its bytes unread. A client waiting on
 * {@code Expect: 100-continue}, or a body beyond that bound, is answered at once.
 */
final class PreflightUpload {

    /** What the form carried: the file's bytes and name (null when it had no file part) or that it was too large. */
    record Received(byte[] bytes, String fileName, boolean tooLarge, boolean multipart) {
    }

    /** Room for the form's other fields and the multipart boundaries, on top of the file itself. */
    private static final long FORM_OVERHEAD = 16 * 1024;

    /** Set on a request answered before its body was read to the end: its connection is closed after the answer. */
    private static final String ANSWERED_EARLY = "tsw.preflight.answeredEarly";

    private final long max;
    private final long maxDiscard;

    PreflightUpload(long max, long maxDiscard) {
        this.max = max;
        this.maxDiscard = maxDiscard;
    }

    long max() {
        return max;
    }

    /** Reads the request's form; {@code done} gets the context and what was received (on a worker thread). */
    void receive(RoutingContext rc, BiConsumer<RoutingContext, Received> done) {
        HttpServerRequest req = rc.request();
        rc.response().endHandler(v -> {
            if (rc.get(ANSWERED_EARLY, false)) {
                req.connection().close();
            }
        });
        String type = req.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            drainThenAnswer(rc, done, new Received(null, null, false, false));
            return;
        }
        if (declared(req.getHeader("Content-Length")) > max + FORM_OVERHEAD) {
            drainThenAnswer(rc, done, new Received(null, null, true, true));
            return;
        }
        Collector c = new Collector(rc, done);
        req.setExpectMultipart(true);
        req.uploadHandler(upload -> {
            if (c.name == null && "file".equals(upload.name())) {
                c.name = upload.filename();
                upload.handler(c::file);
            } else {
                upload.handler(c::other); // another part: counted, not kept
            }
        });
        req.exceptionHandler(e -> c.failed = true);
        req.endHandler(v -> c.answer(c.failed ? new Received(null, null, false, false)
                : new Received(c.tooLarge ? null : c.bytes.getBytes(), c.name, c.tooLarge, true)));
        req.resume();
    }

    /**
     * A body that is not read as a form: read and dropped, then answered with {@code r} and its connection closed;
     * answered at once when the client waits on {@code Expect: 100-continue} (it sends nothing more) or the body is
     * longer than the discard bound.
     */
    private void drainThenAnswer(RoutingContext rc, BiConsumer<RoutingContext, Received> done, Received r) {
        HttpServerRequest req = rc.request();
        rc.put(ANSWERED_EARLY, true);
        if (declared(req.getHeader("Content-Length")) > maxDiscard
                || "100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
            worker(rc, done, r);
            return;
        }
        long[] dropped = {0};
        boolean[] answered = {false};
        Runnable answer = () -> {
            if (!answered[0]) {
                answered[0] = true;
                worker(rc, done, r);
            }
        };
        req.handler(b -> {
            dropped[0] += b.length();
            if (dropped[0] > maxDiscard) {
                answer.run();
            }
        });
        req.exceptionHandler(e -> answer.run());
        req.endHandler(v -> answer.run());
        req.resume();
    }

    /** The declared Content-Length; none is -1, and one that is no number counts as too large. */
    private static long declared(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void worker(RoutingContext rc, BiConsumer<RoutingContext, Received> done, Received r) {
        rc.vertx().executeBlocking(() -> {
            done.accept(rc, r);
            return null;
        }, false);
    }

    /**
     * The file's bytes so far; beyond the limit they are dropped and the upload is too large. Once more than the
     * discard bound has come in all, the refusal is sent at once and the connection closed after it.
     */
    private final class Collector {
        private final RoutingContext rc;
        private final BiConsumer<RoutingContext, Received> done;
        Buffer bytes = Buffer.buffer();
        String name;
        long others;
        long received;
        boolean tooLarge;
        boolean failed;
        private boolean answered;

        Collector(RoutingContext rc, BiConsumer<RoutingContext, Received> done) {
            this.rc = rc;
            this.done = done;
        }

        void file(Buffer b) {
            if (!tooLarge && bytes.length() + (long) b.length() > max) {
                tooLarge = true;
                bytes = null;
            } else if (!tooLarge) {
                bytes.appendBuffer(b);
            }
            count(b);
        }

        void other(Buffer b) {
            others += b.length();
            if (others > max) {
                tooLarge = true;
            }
            count(b);
        }

        void answer(Received r) {
            if (!answered) {
                answered = true;
                worker(rc, done, r);
            }
        }

        private void count(Buffer b) {
            received += b.length();
            if (received > maxDiscard && !answered) {
                rc.put(ANSWERED_EARLY, true);
                answer(new Received(null, null, true, true));
            }
        }
    }
}
