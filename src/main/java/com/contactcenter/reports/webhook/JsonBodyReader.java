package com.contactcenter.reports.webhook;

import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.failure.PayloadTooLargeException;
import com.contactcenter.reports.failure.ReceiverException;
import com.contactcenter.reports.failure.RequestTimeoutException;
import com.contactcenter.reports.failure.UnsupportedMediaTypeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body that must be JSON: checks the media type, bounds the size and the time it takes to arrive,
 * and decodes strict UTF-8. Thread-safe.
 */
public final class JsonBodyReader {
    /**
     * How long a body may take to arrive once reading has begun. The container's idle timeout ends a client that
     * stops sending; it never ends one that sends a byte at a time just inside it, and Tomcat, Jetty 12 and WildFly
     * enforce no request data rate by default. Gupshup's callbacks are a few hundred bytes to a few KiB (see the
     * samples in src/test/resources/gupshup), so ten seconds is ample for them and short for a thread held by a
     * slow client.
     */
    public static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

    private static final int CHUNK_BYTES = 8192;

    private final int maxBytes;
    private final Duration deadline;

    public JsonBodyReader(int maxBytes) {
        this(maxBytes, BODY_DEADLINE);
    }

    JsonBodyReader(int maxBytes, Duration deadline) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    public String read(HttpServletRequest request) {
        requireJson(request.getContentType());
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        InputStream body;
        try {
            body = request.getInputStream();
        } catch (IOException unreadable) {
            throw new InvalidRequestException("the body could not be read completely");
        }
        return decodeUtf8(readBytes(body));
    }

    /**
     * The bytes of the body, at most {@code maxBytes}: one byte more than allowed tells a chunked or mis-declared
     * body over the limit from one at it. Gives up with 408 once the deadline has passed, checked between reads.
     */
    byte[] readBytes(InputStream body) {
        long started = System.nanoTime();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.min(maxBytes + 1, CHUNK_BYTES));
        byte[] chunk = new byte[Math.min(maxBytes + 1, CHUNK_BYTES)];
        int total = 0;
        while (total <= maxBytes) {
            if (System.nanoTime() - started > deadline.toNanos()) {
                throw new RequestTimeoutException("the body did not arrive within " + deadline.toSeconds()
                        + " seconds");
            }
            int read = readSome(body, chunk, Math.min(chunk.length, maxBytes + 1 - total));
            if (read < 0) {
                break;
            }
            bytes.write(chunk, 0, read);
            total += read;
        }
        if (total > maxBytes) {
            throw tooLarge();
        }
        if (total == 0) {
            throw new InvalidRequestException("body is empty");
        }
        return bytes.toByteArray();
    }

    private static int readSome(InputStream body, byte[] chunk, int length) {
        try {
            return body.read(chunk, 0, length);
        } catch (IOException | RuntimeException failed) {
            // RuntimeException too: Jetty 12's own request data rate check (HttpConfiguration.minRequestDataRate)
            // throws its unchecked BadMessageException out of read(), which must not become a 500.
            throw readFailure(failed);
        }
    }

    /** A read the container ended because the client stopped sending is 408; any other failed read is 400. */
    private static ReceiverException readFailure(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            // Jetty reports its idle timeout as a TimeoutException, Tomcat its connectionTimeout as a
            // SocketTimeoutException, each wrapped in the IOException that read() throws.
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return new RequestTimeoutException("the body stopped arriving before it was complete");
            }
        }
        return new InvalidRequestException("the body could not be read completely");
    }

    /** {@code application/json}, in any case, with any parameters (the interface sends {@code charset=utf-8}). */
    static void requireJson(String contentType) {
        if (contentType != null) {
            int parameters = contentType.indexOf(';');
            String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
            // Locale.ROOT: under a Turkish default locale "APPLICATION/JSON".toLowerCase() would contain a dotless i.
            if ("application/json".equals(mediaType.toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        throw new UnsupportedMediaTypeException("Content-Type must be application/json");
    }

    /** RFC 8259 section 8.1: JSON exchanged between systems is UTF-8; anything else is refused, not guessed at. */
    static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException invalid) {
            throw new InvalidRequestException("body is not valid UTF-8");
        }
    }

    private PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("body is larger than " + maxBytes + " bytes");
    }
}
