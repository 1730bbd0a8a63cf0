package com.contactcenter.reports.webhook;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads and drops what is left of the body of a request being refused before its body was read (401, 429, 415,
 * ...), so that the client reads the refusal rather than a connection reset. Thread-safe.
 *
 * <p>A container that finds a body unread when the answer is done closes the connection: Jetty 12 at once, Tomcat
 * after swallowing up to 2 MiB. A client still sending its body then gets a TCP reset, which can destroy the answer
 * before the client has read it (RFC 9112 section 9.6) and shows up at Gupshup as a failed delivery rather than a
 * refusal. It did so in this project's CI: a 429 answered in microseconds, before the body had arrived, reached the
 * test's HTTP client as an IOException. Draining keeps the connection for the client's next request as well.
 */
final class RefusedBodies {
    /**
     * How long a refused body may take to arrive. Shorter than {@link JsonBodyReader#BODY_DEADLINE}: a body that
     * will be thrown away is worth little, and the refused client may not even hold a channel's password. One
     * second carries Gupshup's few KiB over any network; a slower client gets its answer and a closed connection.
     */
    static final Duration DEADLINE = Duration.ofSeconds(1);

    /**
     * The most that is read of a refused body, over the body limit too, so that a client sending a body somewhat
     * too large reads its 413: Tomcat's own default (maxSwallowSize). A larger declared body is not read at all.
     */
    static final long SWALLOW_LIMIT_BYTES = 2 * 1024 * 1024;

    private static final int CHUNK_BYTES = 8192;

    private RefusedBodies() {
    }

    /**
     * Drains the rest of the body when it is at most {@link #SWALLOW_LIMIT_BYTES}. A larger declared body, or one
     * awaiting Expect: 100-continue, is left to the container, which closes the connection after the answer as it
     * would have. A body that fails to arrive within the deadline, or to be read, leaves the connection unusable:
     * the answer then says {@code Connection: close} (RFC 9112 section 9.6).
     */
    static void discard(HttpServletRequest request, HttpServletResponse response) {
        // RFC 9110 section 10.1.1: a client that sent Expect: 100-continue waits for the server's go-ahead before
        // sending the body; reading it would ask for a body that is only to be thrown away.
        if (request.getContentLengthLong() > SWALLOW_LIMIT_BYTES || request.getHeader("Expect") != null) {
            return;
        }
        long started = System.nanoTime();
        byte[] chunk = new byte[CHUNK_BYTES];
        long total = 0;
        try {
            InputStream body = request.getInputStream();
            while (total <= SWALLOW_LIMIT_BYTES && System.nanoTime() - started <= DEADLINE.toNanos()) {
                int read = body.read(chunk);
                if (read < 0) {
                    return;
                }
                total += read;
            }
        } catch (IOException | RuntimeException unreadable) {
            // RuntimeException too: Jetty's request data rate check throws its unchecked BadMessageException.
        }
        response.setHeader("Connection", "close");
    }
}
