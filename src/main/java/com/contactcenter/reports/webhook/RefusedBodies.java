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

    private static final int CHUNK_BYTES = 8192;

    private final int maxBytes;
    private final Duration deadline;

    RefusedBodies(int maxBytes) {
        this(maxBytes, DEADLINE);
    }

    RefusedBodies(int maxBytes, Duration deadline) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    /**
     * Drains the rest of the body when it is within the size limit and arrives within the deadline; otherwise
     * leaves it and says {@code Connection: close} in the answer, which the container then honours.
     */
    void discard(HttpServletRequest request, HttpServletResponse response) {
        if (!drained(request)) {
            response.setHeader("Connection", "close");
        }
    }

    private boolean drained(HttpServletRequest request) {
        // RFC 9110 section 10.1.1: a client that sent Expect: 100-continue waits for the server's go-ahead before
        // sending the body; reading it would ask for a body that is only to be thrown away.
        if (request.getContentLengthLong() > maxBytes || request.getHeader("Expect") != null) {
            return false;
        }
        long started = System.nanoTime();
        byte[] chunk = new byte[CHUNK_BYTES];
        long total = 0;
        try {
            InputStream body = request.getInputStream();
            while (total <= maxBytes && System.nanoTime() - started <= deadline.toNanos()) {
                int read = body.read(chunk);
                if (read < 0) {
                    return true;
                }
                total += read;
            }
        } catch (IOException | RuntimeException unreadable) {
            // RuntimeException too: Jetty's request data rate check throws its unchecked BadMessageException.
        }
        return false;
    }
}
