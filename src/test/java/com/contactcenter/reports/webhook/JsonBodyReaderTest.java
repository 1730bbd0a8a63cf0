package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.failure.PayloadTooLargeException;
import com.contactcenter.reports.failure.RequestTimeoutException;
import com.contactcenter.reports.failure.UnsupportedMediaTypeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "application/json; charset=utf-8",
        "APPLICATION/JSON", "Application/Json;charset=ISO-8859-1", " application/json ; foo=bar"})
    void jsonMediaTypeIsAcceptedInAnyCaseWithAnyParameters(String contentType) {
        assertDoesNotThrow(() -> JsonBodyReader.requireJson(contentType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx",
        "application/json-patch+json", "", "json"})
    void otherMediaTypeIsRefused(String contentType) {
        assertThrows(UnsupportedMediaTypeException.class, () -> JsonBodyReader.requireJson(contentType));
    }

    @Test
    void missingMediaTypeIsRefused() {
        assertThrows(UnsupportedMediaTypeException.class, () -> JsonBodyReader.requireJson(null));
    }

    @Test
    void validUtf8IsDecoded() {
        assertEquals("{\"r\":\"não lido ✓\"}",
                JsonBodyReader.decodeUtf8("{\"r\":\"não lido ✓\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] latin1 = "{\"r\":\"não\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("body is not valid UTF-8",
                assertThrows(InvalidRequestException.class, () -> JsonBodyReader.decodeUtf8(latin1)).getMessage());
    }

    @Test
    void overlongUtf8EncodingIsRefused() {
        byte[] overlongSlash = {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
        assertThrows(InvalidRequestException.class, () -> JsonBodyReader.decodeUtf8(overlongSlash));
    }

    /** Sends one byte each {@code pause}, as a client that dribbles its body to hold a thread. */
    private static InputStream dribbling(byte[] body, Duration pause) {
        return new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next == body.length) {
                    return -1;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException(interrupted);
                }
                return body[next++];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int b = read();
                if (b < 0) {
                    return -1;
                }
                buffer[offset] = (byte) b;
                return 1;
            }
        };
    }

    private static InputStream failing(RuntimeException unchecked, IOException checked) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (unchecked != null) {
                    throw unchecked;
                }
                throw checked;
            }
        };
    }

    @Test
    void bodyStillArrivingAtTheDeadlineIsRequestTimeout() {
        JsonBodyReader reader = new JsonBodyReader(65536, Duration.ofSeconds(1));
        InputStream slow = dribbling("{\"type\":\"message-event\"}".getBytes(StandardCharsets.UTF_8),
                Duration.ofMillis(100));
        assertEquals("the body did not arrive within 1 seconds",
                assertThrows(RequestTimeoutException.class, () -> reader.readBytes(slow)).getMessage());
    }

    @Test
    void readThatTheContainerTimedOutIsRequestTimeout() {
        InputStream stalled = failing(null, new IOException("idle", new TimeoutException("Idle timeout expired")));
        assertEquals("the body stopped arriving before it was complete", assertThrows(RequestTimeoutException.class,
                () -> new JsonBodyReader(65536).readBytes(stalled)).getMessage());
    }

    @Test
    void readThatFailsOtherwiseIsBadRequest() {
        InputStream reset = failing(null, new IOException("Connection reset by peer"));
        assertEquals("the body could not be read completely", assertThrows(InvalidRequestException.class,
                () -> new JsonBodyReader(65536).readBytes(reset)).getMessage());
    }

    @Test
    void uncheckedFailureOfTheContainersReadIsBadRequest() {
        // What Jetty 12 throws out of read() when HttpConfiguration.minRequestDataRate is not met.
        InputStream tooSlow = failing(new IllegalStateException("408: Request content data rate < 1024 B/s"), null);
        assertEquals("the body could not be read completely", assertThrows(InvalidRequestException.class,
                () -> new JsonBodyReader(65536).readBytes(tooSlow)).getMessage());
    }

    @Test
    void undeclaredBodyOneByteOverTheLimitIsTooLarge() {
        InputStream body = new ByteArrayInputStream(new byte[1025]);
        assertEquals("body is larger than 1024 bytes", assertThrows(PayloadTooLargeException.class,
                () -> new JsonBodyReader(1024).readBytes(body)).getMessage());
    }

    @Test
    void bodyExactlyAtTheLimitIsRead() {
        assertEquals(1024, new JsonBodyReader(1024).readBytes(new ByteArrayInputStream(new byte[1024])).length);
    }

    @Test
    void emptyBodyIsRefused() {
        assertEquals("body is empty", assertThrows(InvalidRequestException.class,
                () -> new JsonBodyReader(1024).readBytes(new ByteArrayInputStream(new byte[0]))).getMessage());
    }
}
