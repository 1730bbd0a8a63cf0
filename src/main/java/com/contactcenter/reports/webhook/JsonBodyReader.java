package com.contactcenter.reports.webhook;

import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.failure.PayloadTooLargeException;
import com.contactcenter.reports.failure.UnsupportedMediaTypeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a request body that must be JSON: checks the media type, bounds the size, and decodes strict UTF-8.
 * Thread-safe.
 */
public final class JsonBodyReader {
    private final int maxBytes;

    public JsonBodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public String read(HttpServletRequest request) {
        requireJson(request.getContentType());
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try {
            // One byte more than allowed tells a chunked or mis-declared body over the limit from one at it.
            body = request.getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException unreadable) {
            throw new InvalidRequestException("the body could not be read completely");
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        if (body.length == 0) {
            throw new InvalidRequestException("body is empty");
        }
        return decodeUtf8(body);
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
