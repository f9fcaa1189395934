package hk.tsw.gateway.api.console;

import java.util.function.BiConsumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Receives the preflight's file upload ({@code POST /console/preflight/upload}, {@code multipart/form-data}) without a
 * body handler: Vert.x's own multipart decoder (Netty's) parses the form, the file's bytes are collected in memory up
 * to the limit (nothing is written to disk, nothing is stored), and the form's other fields (the CSRF token, the
 * operator's partner) stay with the request. A request that declares a larger body is answered at once and its
 * connection closed; one that sends more than it declared (or is chunked) has the excess dropped and is answered as
 * too large once it has ended. Then {@code done} runs on a worker thread with what was received.
 */
final class PreflightUpload {

    /** What the form carried: the file's bytes and name (null when it had no file part) or that it was too large. */
    record Received(byte[] bytes, String fileName, boolean tooLarge, boolean multipart) {
    }

    /** Room for the form's other fields and the multipart boundaries, on top of the file itself. */
    private static final long FORM_OVERHEAD = 16 * 1024;

    private final long max;

    PreflightUpload(long max) {
        this.max = max;
    }

    long max() {
        return max;
    }

    /** Reads the request's form; {@code done} gets the context and what was received (on a worker thread). */
    void receive(RoutingContext rc, BiConsumer<RoutingContext, Received> done) {
        HttpServerRequest req = rc.request();
        String type = req.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            rc.response().endHandler(v -> req.connection().close()); // its body is not read
            worker(rc, done, new Received(null, null, false, false));
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && declaredTooLarge(length)) {
            rc.response().endHandler(v -> req.connection().close());
            worker(rc, done, new Received(null, null, true, true));
            return;
        }
        Collector c = new Collector();
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
        req.endHandler(v -> worker(rc, done, c.failed ? new Received(null, null, false, false)
                : new Received(c.tooLarge ? null : c.bytes.getBytes(), c.name, c.tooLarge, true)));
        req.resume();
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > max + FORM_OVERHEAD;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void worker(RoutingContext rc, BiConsumer<RoutingContext, Received> done, Received r) {
        rc.vertx().executeBlocking(() -> {
            done.accept(rc, r);
            return null;
        }, false);
    }

    /** The file's bytes so far; beyond the limit they are dropped and the upload is too large. */
    private final class Collector {
        Buffer bytes = Buffer.buffer();
        String name;
        long others;
        boolean tooLarge;
        boolean failed;

        void file(Buffer b) {
            if (!tooLarge && bytes.length() + (long) b.length() > max) {
                tooLarge = true;
                bytes = null;
            } else if (!tooLarge) {
                bytes.appendBuffer(b);
            }
        }

        void other(Buffer b) {
            others += b.length();
            if (others > max) {
                tooLarge = true;
            }
        }
    }
}
